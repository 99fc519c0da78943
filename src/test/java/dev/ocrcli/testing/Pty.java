package dev.ocrcli.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A command run on a pseudo-terminal, as a user at a terminal runs it: util-linux's
 * {@code script -q -e -c CMD /dev/null} gives the command a terminal for stdin, stdout and
 * stderr, copies everything it prints (escape codes included, with the terminal's CR LF) to
 * {@link #output()}, and passes what the test types (Ctrl-C is {@code "\u0003"}, Ctrl-D
 * {@code "\u0004"}) through the terminal, so the terminal itself turns Ctrl-C into SIGINT.
 */
public final class Pty implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread reader;

    private Pty(Process process) {
        this.process = process;
        this.keys = process.getOutputStream();
        InputStream in = process.getInputStream();
        reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips the test when {@code script} is missing (never in CI, where util-linux is part of the system). */
    public static void requireScript() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script"));
        if (!present && Shared.inCi()) {
            throw new AssertionError("util-linux's script(1) is missing, and CI must have it");
        }
        Assumptions.assumeTrue(present, "util-linux's script(1) is not installed; no pseudo-terminal to test with");
    }

    /**
     * Starts {@code command} on a terminal.
     *
     * @param shellSuffix appended to the shell command line, e.g. {@code " > out.pdf"} (empty for none)
     */
    public static Pty start(List<String> command, String shellSuffix, Path cwd, Map<String, String> env) throws IOException {
        StringBuilder sh = new StringBuilder("exec");
        for (String a : command) {
            sh.append(' ').append(quote(a));
        }
        sh.append(shellSuffix);
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", sh.toString(), "/dev/null").directory(cwd.toFile())
                .redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("TERM", "xterm");
        pb.environment().remove("COLUMNS");
        if (env != null) {
            pb.environment().putAll(env);
        }
        return new Pty(pb.start());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Everything the terminal showed so far. */
    public String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the output matches {@code pattern} (found anywhere) and returns it; fails after {@code timeout}. */
    public String await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (out) {
            while (true) {
                String s = out.toString(StandardCharsets.UTF_8);
                if (pattern.matcher(s).find()) {
                    return s;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError("the terminal never showed " + pattern + "; it showed:\n" + printable(s));
                }
                out.wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    /** Types on the terminal's keyboard. */
    public void type(String keys) throws IOException {
        this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
        this.keys.flush();
    }

    /** Waits for the command to end and returns its exit code. */
    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish within " + timeout + "; the terminal showed:\n" + printable(output()));
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** The output with control characters made visible, for failure messages. */
    public static String printable(String s) {
        return s.replace("\033", "^[").replace("\r", "^M");
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            keys.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
