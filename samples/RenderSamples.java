import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the sample images from the expected texts beside them (NAME.txt -> NAME.png), black
 * on white, in DejaVu Sans (Debian: fonts-dejavu), which has every letter used here.
 *
 * Run from the repository root: java samples/RenderSamples.java
 */
public class RenderSamples {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples");
        for (String name : List.of("multilingual", "english", "russian")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".txt"), StandardCharsets.UTF_8);
            ImageIO.write(render(lines, "DejaVu Sans", 32), "png", dir.resolve(name + ".png").toFile());
        }
    }

    static BufferedImage render(List<String> lines, String family, int size) {
        Font font = new Font(family, Font.PLAIN, size);
        if (!font.getFamily().equals(family)) {
            throw new IllegalStateException("font " + family + " is not installed (apt-get install fonts-dejavu)");
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int width = 0;
        for (String l : lines) {
            if (font.canDisplayUpTo(l) != -1) {
                throw new IllegalStateException(family + " cannot draw: " + l);
            }
            width = Math.max(width, fm.stringWidth(l));
        }
        pg.dispose();
        int margin = size;
        int lineHeight = (int) Math.round(size * 1.6);
        BufferedImage img = new BufferedImage(width + 2 * margin, lines.size() * lineHeight + 2 * margin, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setFont(font);
        int y = margin + fm.getAscent();
        for (String l : lines) {
            g.drawString(l, margin, y);
            y += lineHeight;
        }
        g.dispose();
        return img;
    }
}
