package dev.ocrcli.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command line in a child JVM, as a user would, and captures what it printed.
 * The child uses the test class path and a C locale, so UTF-8 output does not depend on the platform default.
 */
public final class Cli {
    private Cli() {}

    /** What one run printed and returned. */
    public record Run(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    public static Run run(String... args) {
        return run(null, null, List.of(), args);
    }

    public static Run runWithStdin(byte[] stdin, String... args) {
        return run(stdin, null, List.of(), args);
    }

    /**
     * @param stdin   bytes for standard input, or null for none
     * @param env     extra environment variables, or null
     * @param jvmArgs extra JVM options (e.g. system properties)
     */
    public static Run run(byte[] stdin, Map<String, String> env, List<String> jvmArgs, String... args) {
        return run(List.of(), System.getProperty("java.class.path"), stdin, env, jvmArgs, args);
    }

    /**
     * The java command line that runs ocr-cli with the test class path, for tests that start it
     * themselves (under a pseudo-terminal, from a shell).
     */
    public static List<String> command(List<String> jvmArgs, String... args) {
        return command(System.getProperty("java.class.path"), jvmArgs, args);
    }

    private static List<String> command(String classPath, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("-Dfile.encoding=ANSI_X3.4-1968");
        cmd.addAll(jvmArgs);
        cmd.add("dev.ocrcli.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * @param prefix    a command the JVM runs under (e.g. {@code setpriv ...}), or empty
     * @param classPath the child's class path
     */
    public static Run run(List<String> prefix, String classPath, byte[] stdin, Map<String, String> env, List<String> jvmArgs,
                          String... args) {
        return run(null, prefix, classPath, stdin, env, jvmArgs, args);
    }

    /** Runs ocr-cli in the working directory {@code cwd}, with extra environment variables (null: none). */
    public static Run runIn(Path cwd, Map<String, String> env, String... args) {
        return run(cwd, List.of(), System.getProperty("java.class.path"), null, env, List.of(), args);
    }

    /** How long a child may run before it counts as hung. */
    private static final int HANG_SECONDS = 360;

    private static Run run(Path cwd, List<String> prefix, String classPath, byte[] stdin, Map<String, String> env, List<String> jvmArgs,
                           String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(command(classPath, jvmArgs, args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        if (env != null) {
            pb.environment().putAll(env);
        }
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // the child may exit before reading its input
            }
            // a guard against a hung child, not a speed test: the slowest run (TilingTest's 20000 px
            // page, 80-130 s on a loaded machine) must pass on a busy one too
            if (!p.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ocr-cli did not finish within " + HANG_SECONDS + " s: " + String.join(" ", args));
            }
            byte[] o = out.get();
            return new Run(p.exitValue(), new String(o, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8), o);
        } catch (Exception e) {
            throw new AssertionError("cannot run ocr-cli", e);
        }
    }

    /** Reads a child process's output stream to the end on another thread, so the child never blocks on a full pipe. */
    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }
}
