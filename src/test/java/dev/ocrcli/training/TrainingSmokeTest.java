package dev.ocrcli.training;

import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the training pipeline working without retraining: {@code training/train.sh --smoke}
 * renders a few lines, fine-tunes for a few iterations in a temporary directory and checks the
 * resulting model reads something. The committed model is never touched.
 */
class TrainingSmokeTest {
    @Test
    void trainingPipelineRunsEndToEnd() throws Exception {
        Shared.require("models/fra.traineddata");
        Assumptions.assumeTrue(onPath("lstmtraining") && onPath("text2image"),
                "Debian's tesseract-ocr training tools (scripts/setup.sh installs them)");
        Path repo = Shared.repo();
        byte[] modelBefore = Files.readAllBytes(repo.resolve("tessdata/engrusx.traineddata"));
        ProcessBuilder pb = new ProcessBuilder("bash", "training/train.sh", "--smoke").directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "smoke training finishes");
        assertEquals(0, p.exitValue(), out);
        assertTrue(java.util.Arrays.equals(modelBefore, Files.readAllBytes(repo.resolve("tessdata/engrusx.traineddata"))),
                "the committed model is left alone");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
