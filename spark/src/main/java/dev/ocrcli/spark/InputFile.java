package dev.ocrcli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An input read by path on an executor: a local file as it is, any other file system's (HDFS,
 * S3, ...) copied to a temporary file first, through Hadoop's file systems with the job's
 * {@code spark.hadoop.*} settings, and deleted on {@link #close()}.
 */
final class InputFile implements AutoCloseable {
    private final Path path;
    private final boolean copied;

    private InputFile(Path path, boolean copied) {
        this.path = path;
        this.copied = copied;
    }

    static InputFile of(String location) throws IOException {
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(location);
        URI u = hp.toUri();
        if (u.getScheme() == null || "file".equals(u.getScheme())) {
            return new InputFile(Path.of(u.getPath()), false);
        }
        FileSystem fs = hp.getFileSystem(hadoopConf());
        String name = hp.getName();
        int dot = name.lastIndexOf('.');
        Path tmp = Files.createTempFile("ocr-spark-", dot < 0 ? "" : name.substring(dot));
        try (InputStream in = fs.open(hp)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new InputFile(tmp, true);
    }

    private static Configuration hadoopConf() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    Path path() {
        return path;
    }

    boolean copied() {
        return copied;
    }

    @Override
    public void close() {
        if (copied) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        }
    }
}
