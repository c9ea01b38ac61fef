package io.mediaroutes.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/latency: how long a 5 s clip takes from the drop folder to its insights file, minus the time the service
 * spent processing it (its log's "processed in"): the pipeline's own overhead, with the drop scan, read lock and
 * Status poll as config/application.yaml ships them. Connector flow with the embedded service (its callback when a
 * video ended), Connector flow with a remote service (Status polled: the pipeline in an app of its own, calling a
 * second app's service) and Video Indexer flow (callback), each in an app of its own. Half the clips were written long before they are moved into the drop
 * (a producer that writes elsewhere, then moves); half just before, so the read lock waits for mediaroutes.drop.min-age.
 * Not a test: run by bench/latency.
 */
public final class LatencyBench {

    private static final Pattern PROCESSED = Pattern.compile("Video (\\S+) processed in ([0-9.]+) s");

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path clip = TestVideos.mp4(Files.createTempDirectory("latency").resolve("clip.mp4"), 5);
        System.out.printf(Locale.ROOT, "latency: 2 x %d clips of 5 s each, one at a time, %d cores%n", clips, Runtime.getRuntime().availableProcessors());
        report("Connector, embedded service (its callback; the poll is the fallback)", measure(Map.of(), null, clip, clips), "<= 1.0 s");
        Path serviceHome = AppTestSupport.newHome("latency-service");
        Path serviceLog = serviceHome.resolve("service.log");
        try (AppProcess service = AppProcess.start(serviceLog, AppTestSupport.properties(serviceHome))) {
            report("Connector, remote service, Status polled every 5 s", measure(Map.of("mediaroutes.service.enabled", "false",
                    "mediaroutes.video-service.url", service.url()), serviceLog, clip, clips), "<= poll interval + 1.0 s = 6.0 s");
        }
        report("Video Indexer, callback", measure(AppTestSupport.videoIndexerMode(), null, clip, clips), "<= 1.0 s");
    }

    /**
     * Overheads in seconds of the clips written long before [0] and just before [1], after one to warm up.
     * @param serviceLog the log of the app whose service processes the videos; null: the pipeline's own app
     */
    private static List<List<Double>> measure(Map<String, String> mode, Path serviceLog, Path clip, int clips) throws Exception {
        Path home = AppTestSupport.newHome("latency");
        Map<String, String> properties = new HashMap<>(AppTestSupport.properties(home));
        // the shipped timing, not the tests' quick one
        List.of("mediaroutes.drop.min-age", "mediaroutes.drop.poll-delay", "mediaroutes.poll.interval",
                "mediaroutes.service.processing.poll-interval").forEach(properties::remove);
        properties.putAll(mode);
        List<List<Double>> overheads = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i <= 2 * clips; i += 2) {
            TestVideos.distinctCopy(clip, home.resolve("clip-" + i + ".mp4"), "clip-" + i); // written long before its move
        }
        try (AppProcess app = AppProcess.start(home.resolve("app.log"), properties)) {
            for (int i = 0; i <= 2 * clips; i++) {
                String name = "clip-" + i + ".mp4";
                // each clip's bytes its own (a box at the end): a copy would be a duplicate, delivered from the first's insights
                Path staged = i % 2 == 0 ? home.resolve(name) : TestVideos.distinctCopy(clip, home.resolve(name), "clip-" + i);
                long started = System.nanoTime();
                Files.move(staged, home.resolve("drop").resolve(name), StandardCopyOption.ATOMIC_MOVE);
                Path insights = home.resolve("out").resolve(name + ".insights.json");
                while (!Files.exists(insights)) {
                    Thread.sleep(5);
                }
                double total = (System.nanoTime() - started) / 1e9;
                String videoId = new ObjectMapper().readTree(insights.toFile()).path("id").asText();
                double processing = processingSeconds(serviceLog != null ? serviceLog : home.resolve("app.log"), videoId);
                if (i > 0) {
                    overheads.get(i % 2).add(total - processing);
                }
            }
        }
        return overheads;
    }

    private static double processingSeconds(Path log, String videoId) throws Exception {
        for (String line : Files.readAllLines(log)) {
            Matcher m = PROCESSED.matcher(line);
            if (m.find() && m.group(1).equals(videoId)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("no 'processed in' line for video " + videoId + " in " + log);
    }

    private static void report(String flow, List<List<Double>> overheads, String goal) {
        System.out.printf(Locale.ROOT, "  %s (goal %s), pipeline overhead:%n", flow, goal);
        String[] kinds = {"written long before, then moved in", "written just before (read lock waits)"};
        for (int kind = 0; kind < 2; kind++) {
            List<Double> o = overheads.get(kind);
            System.out.printf(Locale.ROOT, "    %-40s mean %.2f s, max %.2f s (%d clips)%n", kinds[kind],
                    o.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    o.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), o.size());
        }
    }
}
