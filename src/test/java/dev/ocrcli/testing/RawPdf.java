package dev.ocrcli.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
