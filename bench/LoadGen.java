import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for {@code ocr-cli serve}: a fixed number of requests from a fixed number of
 * concurrent clients, over loopback. Run as a single-file program:
 *
 * <pre>java bench/LoadGen.java --url http://127.0.0.1:8080/v1/ocr --file samples/english.png --n 200 --c 8 --expect "quick brown fox"</pre>
 *
 * Prints one line: requests, statuses, wrong answers, images/s, latency p50/p90/p99/max.
 * Exits 1 when any request failed with 5xx (other than 503 with --allow-503), an I/O error or a wrong answer.
 */
public class LoadGen {
    public static void main(String[] args) throws Exception {
        String url = null;
        Path file = null;
        String type = "image/png";
        String expect = null;
        String key = null;
        int n = 100;
        int c = 1;
        boolean allow503 = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--file" -> file = Path.of(args[++i]);
                case "--type" -> type = args[++i];
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--c" -> c = Integer.parseInt(args[++i]);
                case "--expect" -> expect = args[++i];
                case "--key" -> key = args[++i];
                case "--allow-503" -> allow503 = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (url == null || file == null || n < 1 || n > 1_000_000 || c < 1 || c > 512) {
            System.err.println("usage: LoadGen --url URL --file IMAGE [--n 1..1000000] [--c 1..512] [--expect TEXT] [--type MIME] [--key KEY] [--allow-503]");
            System.exit(2);
        }
        if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("http://localhost:") && !url.startsWith("http://[::1]:")) {
            System.err.println("LoadGen only talks to loopback addresses");
            System.exit(2);
        }
        byte[] body = Files.readAllBytes(file);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).header("Content-Type", type);
        if (key != null) {
            rb.header("Authorization", "Bearer " + key);
        }
        HttpRequest request = rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        long[] latency = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        String expected = expect;
        int total = n;
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long t0 = System.nanoTime();
        for (int w = 0; w < c; w++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 200 && expected != null && !r.body().contains(expected)) {
                            wrong.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latency[i] = System.nanoTime() - s;
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            System.err.println("gave up waiting");
            System.exit(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(latency);
        int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
        int fivexx = 0;
        int five03 = 0;
        Map<Integer, Integer> sorted = new TreeMap<>();
        for (var e : statuses.entrySet()) {
            sorted.put(e.getKey(), e.getValue().get());
            if (e.getKey() >= 500) {
                fivexx += e.getValue().get();
            }
            if (e.getKey() == 503) {
                five03 += e.getValue().get();
            }
        }
        System.out.printf(Locale.ROOT, "clients=%d requests=%d ok=%d statuses=%s io_errors=%d wrong=%d time=%.1fs images/s=%.2f p50=%.0fms p90=%.0fms p99=%.0fms max=%.0fms%n",
                c, n, ok, sorted, errors.get(), wrong.get(), seconds, ok / seconds,
                ms(latency, 0.50), ms(latency, 0.90), ms(latency, 0.99), latency[n - 1] / 1e6);
        boolean failed = errors.get() > 0 || wrong.get() > 0 || (fivexx - (allow503 ? five03 : 0)) > 0;
        System.exit(failed ? 1 : 0);
    }

    private static double ms(long[] sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }
}
