import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pages for {@code bench/scripts.sh}: texts written for this benchmark (English, Russian, lines
 * mixing both, codes and units such as {@code K-17} and {@code 21 C}, Russian words made only of
 * letters with Latin look-alikes, the rare letters Ŀ ŀ Ҕ ҕ Ǣ ǣ among other letters), rendered in
 * fonts {@code training/} does not train on, under the eleven conditions of
 * {@code ../shared/eval/synthetic} (clean, small, low contrast, noise, blur, 4 and 12 degree
 * rotation, inverted, heavy JPEG, grey background, "photo"). Run as a single-file program:
 *
 * <pre>java bench/ScriptsPages.java OUT_DIR [--all-fonts | --headline TEXT_FILE]</pre>
 *
 * Writes {@code OUT_DIR/NAME__CONDITION.png|jpg} and {@code NAME__CONDITION.gt.txt}. By default
 * each text is drawn in one held-out font per condition, the font turning with the condition so
 * every text meets every font; {@code --all-fonts} draws every text in every font under every
 * condition; {@code --headline} draws the lines of one file (the project's headline sample) clean
 * in every font instead. The same pages every run (fixed seeds).
 */
public class ScriptsPages {
    /** Fonts no training run of training/train.sh uses (its FONTS list), by file. */
    static final String[][] FONTS = {
            {"LiberationSans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"},
            {"DejaVuSansMono", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"},
            {"FreeSansOblique", "/usr/share/fonts/truetype/freefont/FreeSansOblique.ttf"},
            {"LiberationSansItalic", "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf"},
            {"FreeMonoBold", "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"},
    };

    /** The texts, written for this benchmark. */
    static final Map<String, String> TEXTS = new LinkedHashMap<>();

    static {
        TEXTS.put("memo_mixed", String.join("\n",
                "Dear Mr. Hallworth,",
                "the crate K-17 left Kazan on 3 March.",
                "Ящик К-17 ушёл из Казани 3 марта.",
                "Load 5 T, keep at 21 C, size 4 x 6 m.",
                "The story Врезка is on page 12, Рассказ on 14.",
                "With thanks, Olga Petrova"));
        TEXTS.put("notes_ru", String.join("\n",
                "Отчёт о поставках за октябрь",
                "Врезка к статье и Рассказ о складе: стр. 4.",
                "Сахар 120 кг, соль 30 кг, кофе 18 кг.",
                "В камере 4 С, давление 2 атм, вес 5 т.",
                "Код партии Б-306, принял Орлов.",
                "Сорок коробок отправлены в Самару."));
        TEXTS.put("sheet_units", String.join("\n",
                "Item Qty Temp Code",
                "Valve 12 21 C K-17",
                "Pump 5 40 C B-204",
                "Motor 2 65 C M-3",
                "Axle load 8 T, span 6 x 4 m",
                "Total 19 units, tare 0.5 T"));
        TEXTS.put("till_mixed", String.join("\n",
                "МАГАЗИН «ВЕРЕСК» Receipt 20931",
                "Кофе / Coffee 3 x 150.00",
                "Сахар / Sugar 1 x 89.50",
                "Хлеб / Bread 2 x 45.00",
                "ИТОГО / TOTAL 629.50",
                "Карта MIR **** 8812, terminal K-2"));
        TEXTS.put("letters_rare", String.join("\n",
                "Ŀ and ŀ: the Catalan paraŀlel and Ŀlull.",
                "Ҕ and ҕ in Yakut: аҕа means father.",
                "Ǣ and ǣ: Old English Ǣlfred, stǣf, dǣd.",
                "Буква Ҕ и буква ҕ стоят рядом.",
                "Mark Ǣ-9 at 12 C, tag Ŀ-3 on box 7."));
    }

    static final String[] CONDITIONS = {"clean", "small", "lowcontrast", "noisy", "blur", "rot4", "rot12", "inverted", "jpeg", "graybg",
            "photo"};

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/ScriptsPages.java OUT_DIR [--all-fonts]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        boolean allFonts = args.length > 1 && args[1].equals("--all-fonts");
        if (args.length > 2 && args[1].equals("--headline")) {
            // the headline lines (a file of the project's, e.g. samples/multilingual.txt), clean, in every font
            TEXTS.clear();
            TEXTS.put("headline", Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip());
            allFonts = true;
        }
        String[] conditions = TEXTS.containsKey("headline") ? new String[] {"clean"} : CONDITIONS;
        Files.createDirectories(out);
        List<Font> fonts = new ArrayList<>();
        for (String[] f : FONTS) {
            if (!new File(f[1]).exists()) {
                System.err.println("ocr-cli: warning: font " + f[1] + " is missing; pages in " + f[0] + " are left out");
                fonts.add(null);
                continue;
            }
            fonts.add(Font.createFont(Font.TRUETYPE_FONT, new File(f[1])).deriveFont(26f));
        }
        int t = 0;
        int pages = 0;
        for (var e : TEXTS.entrySet()) {
            for (int c = 0; c < conditions.length; c++) {
                for (int k = 0; k < FONTS.length; k++) {
                    if (!allFonts && k != (t + c) % FONTS.length) {
                        continue;
                    }
                    Font font = fonts.get(k);
                    if (font == null) {
                        continue;
                    }
                    String text = e.getValue();
                    // a dash the face lacks is drawn as a hyphen (the scoring folds dashes alike)
                    String drawn = font.canDisplay('\u2011') ? text : text.replace('\u2011', '-');
                    for (int cp : drawn.codePoints().toArray()) {
                        if (!Character.isWhitespace(cp) && !font.canDisplay(cp)) {
                            throw new IllegalStateException(FONTS[k][0] + " cannot draw " + new String(Character.toChars(cp)));
                        }
                    }
                    String name = e.getKey() + "_" + FONTS[k][0] + "__" + conditions[c];
                    long seed = 1000L * t + 10L * c + k;
                    BufferedImage page = render(drawn, font);
                    write(condition(page, conditions[c], new Random(seed)), conditions[c], out, name);
                    Files.writeString(out.resolve(name + ".gt.txt"), text + "\n", StandardCharsets.UTF_8);
                    pages++;
                }
            }
            t++;
        }
        System.out.println(pages + " pages in " + out);
    }

    /** Black text on white, anti-aliased, a margin all round. */
    static BufferedImage render(String text, Font font) {
        String[] lines = text.split("\n");
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int width = 0;
        for (String l : lines) {
            width = Math.max(width, fm.stringWidth(l));
        }
        pg.dispose();
        int margin = 34;
        int pitch = Math.round(fm.getHeight() * 1.45f);
        BufferedImage img = new BufferedImage(width + 2 * margin, pitch * lines.length + 2 * margin, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], margin, margin + i * pitch + fm.getAscent());
        }
        g.dispose();
        return img;
    }

    static BufferedImage condition(BufferedImage img, String c, Random rnd) {
        return switch (c) {
            case "clean" -> img;
            case "small" -> scale(img, 0.4);
            case "lowcontrast" -> levels(img, 205, 255);
            case "noisy" -> noise(img, 40, rnd);
            case "blur" -> blur(img, 1.4);
            case "rot4" -> rotate(img, 4, 255);
            case "rot12" -> rotate(img, 12, 255);
            case "inverted" -> levels(img, 255, 0);
            case "jpeg" -> scale(img, 0.6);            // and written at a low JPEG quality
            case "graybg" -> levels(img, 60, 140);
            case "photo" -> photo(img, rnd);
            default -> throw new IllegalArgumentException(c);
        };
    }

    /** A camera-like shot: slightly turned, soft, uneven light, faint ink, sensor noise (then JPEG). */
    static BufferedImage photo(BufferedImage img, Random rnd) {
        BufferedImage r = rotate(img, -1.8, 255);
        r = blur(r, 0.9);
        int w = r.getWidth();
        int h = r.getHeight();
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = r.getRaster().getSample(x, y, 0) / 255.0;
                double light = 250 - 22.0 * (x / (double) w) - 14.0 * (y / (double) h);
                double ink = 110;
                double g = ink + (light - ink) * v + rnd.nextGaussian() * 16;
                o.getRaster().setSample(x, y, 0, clamp(g));
            }
        }
        return o;
    }

    static BufferedImage scale(BufferedImage img, double f) {
        int w = (int) Math.round(img.getWidth() * f);
        int h = (int) Math.round(img.getHeight() * f);
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = o.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return o;
    }

    /** Ink (0) becomes {@code ink}, paper (255) becomes {@code paper}, linearly. */
    static BufferedImage levels(BufferedImage img, int ink, int paper) {
        BufferedImage o = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double v = img.getRaster().getSample(x, y, 0) / 255.0;
                o.getRaster().setSample(x, y, 0, clamp(ink + (paper - ink) * v));
            }
        }
        return o;
    }

    static BufferedImage noise(BufferedImage img, double sigma, Random rnd) {
        BufferedImage o = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                o.getRaster().setSample(x, y, 0, clamp(img.getRaster().getSample(x, y, 0) + rnd.nextGaussian() * sigma));
            }
        }
        return o;
    }

    /** Gaussian blur, separable. */
    static BufferedImage blur(BufferedImage img, double sigma) {
        int rad = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * rad + 1];
        double sum = 0;
        for (int i = -rad; i <= rad; i++) {
            k[i + rad] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + rad];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        double[] a = new double[w * h];
        double[] b = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = img.getRaster().getSample(x, y, 0);
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -rad; i <= rad; i++) {
                    s += k[i + rad] * a[y * w + Math.max(0, Math.min(w - 1, x + i))];
                }
                b[y * w + x] = s;
            }
        }
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -rad; i <= rad; i++) {
                    s += k[i + rad] * b[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                }
                o.getRaster().setSample(x, y, 0, clamp(s));
            }
        }
        return o;
    }

    /** Turned by {@code degrees} counter-clockwise on a canvas large enough, the corners filled with {@code fill}. */
    static BufferedImage rotate(BufferedImage img, double degrees, int fill) {
        double th = Math.toRadians(-degrees);
        int w = img.getWidth();
        int h = img.getHeight();
        int nw = (int) Math.ceil(Math.abs(w * Math.cos(th)) + Math.abs(h * Math.sin(th)));
        int nh = (int) Math.ceil(Math.abs(w * Math.sin(th)) + Math.abs(h * Math.cos(th)));
        BufferedImage o = new BufferedImage(nw, nh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = o.createGraphics();
        g.setColor(new Color(fill, fill, fill));
        g.fillRect(0, 0, nw, nh);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        AffineTransform at = new AffineTransform();
        at.translate(nw / 2.0, nh / 2.0);
        at.rotate(th);
        at.translate(-w / 2.0, -h / 2.0);
        g.drawImage(img, at, null);
        g.dispose();
        return o;
    }

    static void write(BufferedImage img, String condition, Path dir, String name) throws Exception {
        if (condition.equals("jpeg") || condition.equals("photo")) {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(condition.equals("jpeg") ? 0.12f : 0.5f);
            File f = dir.resolve(name + ".jpg").toFile();
            f.delete();
            try (ImageOutputStream s = ImageIO.createImageOutputStream(f)) {
                w.setOutput(s);
                w.write(null, new IIOImage(img, null, null), p);
            }
            w.dispose();
        } else {
            ImageIO.write(img, "png", dir.resolve(name + ".png").toFile());
        }
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
