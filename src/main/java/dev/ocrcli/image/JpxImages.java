package dev.ocrcli.image;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Finds the JPEG 2000 ({@code /JPXDecode}) images a PDF page can draw, from the page's object
 * graph alone, without decoding anything. PDFBox decodes such an image while it builds the image
 * object (to learn its colour space), before any drawing hook runs, so a page holding one is
 * rendered under {@link Jpeg2000Deadline} as a whole.
 *
 * <p>The walk follows everything the page refers to (resources, form XObjects and their
 * resources, soft masks, patterns, annotation appearances) except {@code /Parent} and other
 * pages (a link's destination names one), plus the resources the page inherits from its page
 * tree, each object once, and stops after {@link #MAX_OBJECTS} objects; a page too large to
 * walk counts as holding one.
 */
final class JpxImages {
    /** Objects visited per page at most (a page with a few hundred fonts and images has a few thousand). */
    static final int MAX_OBJECTS = 50_000;

    private JpxImages() {
    }

    /** The pixels of the JPEG 2000 images {@code page} can draw, as {@link #pixels(COSBase...)} counts them. */
    static long pixels(PDPage page) {
        PDResources resources = page.getResources();
        return pixels(page.getCOSObject(), resources == null ? null : resources.getCOSObject());
    }

    /**
     * The pixels of all JPEG 2000 images reachable from {@code roots} (the page and the
     * resources it uses; their declared {@code /Width} x {@code /Height}), 0 when there is none,
     * or at least 1 when there is one or the walk gave up.
     */
    static long pixels(COSBase... roots) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> todo = new ArrayDeque<>();
        for (COSBase root : roots) {
            if (root != null) {
                todo.push(root);
            }
        }
        long pixels = 0;
        while (!todo.isEmpty()) {
            COSBase base = todo.pop();
            if (base instanceof COSObject indirect) {
                base = indirect.getObject();
            }
            if (base == null || !seen.add(base)) {
                continue;
            }
            if (seen.size() > MAX_OBJECTS) {
                return Math.max(pixels, 1);
            }
            if (base instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    todo.push(array.get(i));
                }
            } else if (base instanceof COSDictionary dict) {
                if (isOtherPage(dict, roots)) {
                    continue; // a link's destination, an article bead: that page is not drawn here
                }
                if (dict instanceof COSStream stream && isJpx(stream)) {
                    pixels += Math.max(0, stream.getInt(COSName.WIDTH)) * (long) Math.max(0, stream.getInt(COSName.HEIGHT));
                    pixels = Math.max(pixels, 1);
                }
                for (var e : dict.entrySet()) {
                    if (!COSName.PARENT.equals(e.getKey())) {
                        todo.push(e.getValue());
                    }
                }
            }
        }
        return pixels;
    }

    private static boolean isOtherPage(COSDictionary dict, COSBase[] roots) {
        COSName type = dict.getCOSName(COSName.TYPE);
        if (!COSName.PAGE.equals(type) && !COSName.PAGES.equals(type)) {
            return false;
        }
        for (COSBase root : roots) {
            if (root == dict) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJpx(COSStream stream) {
        COSBase filter = stream.getDictionaryObject(COSName.FILTER);
        if (filter instanceof COSName name) {
            return COSName.JPX_DECODE.equals(name);
        }
        if (filter instanceof COSArray filters) {
            for (int i = 0; i < filters.size(); i++) {
                if (COSName.JPX_DECODE.equals(filters.getObject(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
