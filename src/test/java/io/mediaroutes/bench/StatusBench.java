package io.mediaroutes.bench;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/status: wrk against GET /api/Videos/{id}/Status (a database read and a JSON answer) and against a static
 * file of the same app, one after the other in one run; prints requests per second and the ratio.
 * Not a test: run by bench/status (needs wrk: apt-get install wrk).
 */
public final class StatusBench {

    public static void main(String[] args) throws Exception {
        String duration = args.length > 0 ? args[0] : "10s";
        Path home = AppTestSupport.newHome("status");
        try (AppProcess app = AppProcess.start(home.resolve("app.log"), AppTestSupport.properties(home))) {
            String created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/api/Videos"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"OriginalFileName\":\"bench.mp4\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher id = Pattern.compile("\"Id\":\"([^\"]+)\"").matcher(created);
            if (!id.find()) {
                throw new IllegalStateException("Create Video answered " + created);
            }
            String status = app.url() + "/api/Videos/" + id.group(1) + "/Status";
            String file = app.url() + "/widgets/player.html";
            wrk(file, "2s"); // warm both up: JIT, connection pools
            wrk(status, "2s");
            double staticRate = wrk(file, duration);
            double statusRate = wrk(status, duration);
            System.out.printf(Locale.ROOT, "status: wrk -t2 -c32 -d%s, %d cores%n", duration, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  static file  %8.0f req/s%n", staticRate);
            System.out.printf(Locale.ROOT, "  Status       %8.0f req/s%n", statusRate);
            System.out.printf(Locale.ROOT, "  ratio Status/static  %.2f  (goal >= 0.8)%n", statusRate / staticRate);
        }
    }

    private static double wrk(String url, String duration) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + duration, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        return Double.parseDouble(rate.group(1));
    }
}
