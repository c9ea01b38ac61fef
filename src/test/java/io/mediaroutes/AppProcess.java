package io.mediaroutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app as a process of its own (this test's classpath, the project folder as its home), so that a test can
 * run several instances and kill one with SIGKILL, as a crash or an OOM killer would.
 */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the app with these properties (as command-line arguments) and waits until it is healthy. */
    public static AppProcess start(Path log, Map<String, String> properties) throws IOException {
        return start(log, properties, "-Xmx512m");
    }

    /** The same, with the JVM's heap limit given, e.g. "-Xmx256m". */
    public static AppProcess start(Path log, Map<String, String> properties, String maxHeap) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                maxHeap, "-cp", System.getProperty("java.class.path"), MediaRoutesApplication.class.getName(),
                "--server.port=" + port));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, port, log);
        Await.until("the app on port " + port + " healthy (log: " + log + ")", Duration.ofSeconds(120), app::healthy);
        return app;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Exchanges route {@code routeId} has completed so far, from the app's Prometheus scrape (no login in the
     * embedded default): to wait for that route's next runs from outside the process.
     */
    public long routeRuns(String routeId) {
        try {
            String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher runs = Pattern.compile("(?m)^camel_exchanges_total\\{[^}]*routeId=\"" + Pattern.quote(routeId) + "\"[^}]*} (\\S+)$")
                    .matcher(scrape);
            return runs.find() ? (long) Double.parseDouble(runs.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The app's heap in use now, in bytes (JMX through Jolokia; no login in the embedded default). */
    public long heapUsed() throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage/used")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("\"value\":([0-9]+)").matcher(body);
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }

    /** The app's CPU time so far (all its threads, the JIT compiler's included), in seconds. */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElseThrow();
    }

    /** kill -9: no shutdown hook, no graceful stop, nothing handed back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** How many lines of this instance's log match the pattern. */
    public long logLines(String regex) {
        Pattern pattern = Pattern.compile(regex);
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> pattern.matcher(l).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
