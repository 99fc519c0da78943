package dev.ocrcli.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes PDFs object by object, with a correct cross-reference table, so a test can make exactly
 * the damage it means to (a page tree that lists itself, a false {@code /Count}, an image
 * dictionary that lies) where PDFBox's writer would refuse or repair it.
 */
public final class RawPdf {
    private final List<byte[]> objects = new ArrayList<>();

    /** Adds an object; returns its number (1-based). */
    public int add(String body) {
        objects.add(body.getBytes(StandardCharsets.ISO_8859_1));
        return objects.size();
    }

    /** Adds a stream object with the given dictionary entries (without {@code /Length}) and data. */
    public int addStream(String dict, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("<< " + dict + " /Length " + data.length + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(data);
        b.writeBytes("\nendstream".getBytes(StandardCharsets.ISO_8859_1));
        objects.add(b.toByteArray());
        return objects.size();
    }

    /** Sets object {@code n}'s body (to fill in references to objects added later). */
    public void set(int n, String body) {
        objects.set(n - 1, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reserves an object number to {@link #set} later. */
    public int reserve() {
        return add("null");
    }

    /** The file, with object {@code root} as the catalogue. */
    public byte[] bytes(int root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(((i + 1) + " 0 obj\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(objects.get(i));
            out.writeBytes("\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        long xref = out.size();
        StringBuilder sb = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) {
            sb.append(String.format("%010d 00000 n \n", o));
        }
        sb.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root ").append(root).append(" 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** zlib-compressed bytes, as a FlateDecode stream holds them. */
    public static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * A one-page PDF (US letter) whose page draws one image XObject over the page.
     *
     * @param imageDict the image's dictionary entries (without {@code /Length})
     * @param data      the image's stream data
     */
    public static byte[] withImage(String imageDict, byte[] data) {
        RawPdf pdf = new RawPdf();
        int catalog = pdf.reserve();
        int pages = pdf.reserve();
        int image = pdf.addStream("/Type /XObject /Subtype /Image " + imageDict, data);
        int content = pdf.addStream("", "q 612 0 0 792 0 0 cm /Im0 Do Q".getBytes(StandardCharsets.ISO_8859_1));
        int page = pdf.add("<< /Type /Page /Parent " + pages + " 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 " + image
                + " 0 R >> >> /Contents " + content + " 0 R >>");
        pdf.set(pages, "<< /Type /Pages /Kids [" + page + " 0 R] /Count 1 >>");
        pdf.set(catalog, "<< /Type /Catalog /Pages " + pages + " 0 R >>");
        return pdf.bytes(catalog);
    }

    /** A one-page PDF with a page tree made by {@code tree}, given the leaf's object number and the root /Pages number. */
    public interface Tree {
        void build(RawPdf pdf, int root, int leaf);
    }

    public static byte[] treePdf(Tree tree) {
        RawPdf pdf = new RawPdf();
        int catalog = pdf.reserve();
        int root = pdf.reserve();
        int content = pdf.addStream("", "BT /F1 24 Tf 72 700 Td (Hello) Tj ET".getBytes(StandardCharsets.ISO_8859_1));
        int leaf = pdf.reserve();
        tree.build(pdf, root, leaf);
        pdf.set(catalog, "<< /Type /Catalog /Pages " + root + " 0 R >>");
        return pdf.bytes(catalog);
    }

    public static String leafPage(int parent, int content) {
        return "<< /Type /Page /Parent " + parent + " 0 R /MediaBox [0 0 612 792] /Contents " + content + " 0 R"
                + " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>";
    }

    /**
     * Page trees PDFBox cannot walk (issue 19 item 1) and a /Count that hides the page (item 2),
     * by file name: each is an unreadable PDF, never an internal error or an empty success.
     */
    public static Map<String, byte[]> brokenTrees() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("count-max.pdf", treePdf((pdf, root, leaf) -> {
            pdf.set(root, "<< /Type /Pages /Kids [" + leaf + " 0 R] /Count 2147483647 >>");
            pdf.set(leaf, leafPage(root, 3));
        }));
        files.put("count-minus-one.pdf", treePdf((pdf, root, leaf) -> {
            pdf.set(root, "<< /Type /Pages /Kids [" + leaf + " 0 R] /Count -1 >>");
            pdf.set(leaf, leafPage(root, 3));
        }));
        files.put("kids-itself.pdf", treePdf((pdf, root, leaf) -> {
            pdf.set(root, "<< /Type /Pages /Kids [" + root + " 0 R " + leaf + " 0 R] /Count 1 >>");
            pdf.set(leaf, leafPage(root, 3));
        }));
        files.put("nested-5000.pdf", treePdf((pdf, root, leaf) -> {
            int parent = root;
            List<Integer> chain = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                chain.add(pdf.reserve());
            }
            pdf.set(root, "<< /Type /Pages /Kids [" + chain.get(0) + " 0 R] /Count 1 >>");
            for (int i = 0; i < chain.size(); i++) {
                String kid = (i + 1 < chain.size() ? chain.get(i + 1) : leaf) + " 0 R";
                pdf.set(chain.get(i), "<< /Type /Pages /Parent " + parent + " 0 R /Kids [" + kid + "] /Count 1 >>");
                parent = chain.get(i);
            }
            pdf.set(leaf, leafPage(parent, 3));
        }));
        return files;
    }

    /** One-page PDFs whose page image cannot be decoded (issue 19 item 2), by file name. */
    public static Map<String, byte[]> brokenImages() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] grey = new byte[64 * 64];
        Arrays.fill(grey, (byte) 0x80);
        files.put("width-2e9.pdf", withImage("/Width 2000000000 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray",
                new byte[64]));
        files.put("height-0.pdf", withImage("/Width 64 /Height 0 /BitsPerComponent 8 /ColorSpace /DeviceGray", grey));
        files.put("flate-as-dct.pdf", withImage("/Width 64 /Height 64 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /DCTDecode",
                deflate(grey)));
        files.put("jbig2-garbage.pdf", withImage("/Width 64 /Height 64 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /JBIG2Decode",
                "not a JBIG2 stream at all".getBytes(StandardCharsets.ISO_8859_1)));
        return files;
    }
}
