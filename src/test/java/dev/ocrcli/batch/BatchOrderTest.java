package dev.ocrcli.batch;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a file reads does not depend on the files read before it in the same process: Tesseract's
 * legacy engine adapts its classifier to what it has read, and every engine keeps a dictionary of
 * the document's words, so without a reset each page would read differently in a batch than alone
 * (measured on scanned receipts, whose doubtful pages the {@code vote} step reads with the legacy
 * engine too).
 */
class BatchOrderTest {
    @TempDir
    Path dir;

    @Test
    void aFileReadsTheSameInABatchAsAlone() throws Exception {
        Path receipts = Shared.require("eval/receipts/img");
        List<String> names = List.of("031", "038", "043", "073", "095");
        List<String> args = new ArrayList<>();
        for (String n : names) {
            args.add(receipts.resolve(n + ".jpg").toString());
        }
        Path out = dir.resolve("out");
        args.addAll(List.of("-j", "1", "-o", out.toString(), "-f", "txt"));
        Cli.Run batch = Cli.run(args.toArray(new String[0]));
        assertEquals(0, batch.exitCode(), batch::toString);
        // the later files of the batch are the ones read after others
        for (String n : names.subList(names.size() - 2, names.size())) {
            Cli.Run alone = Cli.run(receipts.resolve(n + ".jpg").toString());
            assertEquals(0, alone.exitCode(), alone::toString);
            String inBatch = Files.readString(out.resolve(n + ".txt"), StandardCharsets.UTF_8);
            assertEquals(alone.stdout(), inBatch, n + ".jpg read in a batch after other receipts differs from the same file read alone");
        }
    }
}
