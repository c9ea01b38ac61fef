package io.mediaroutes.bench;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/calls: the service calls the pipeline makes per video, by kind, read from the service's access log; in
 * the Connector flow (Status polled on the timer) and the Video Indexer flow (callbacks). Checks that polls stay
 * within ceil(processing time / poll interval) + 1, and are 0 when callbacks come. Not a test: run by bench/calls.
 */
public final class CallsBench {

    static final Pattern LINE = Pattern.compile("^(\\d+) (\\S+) (\\S+) (\\S*) (\\d+)$");
    static final Pattern VIDEO_ID = Pattern.compile("(?:Videos/|asset-)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long interval = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        System.out.printf(Locale.ROOT, "calls per video: %d clips of %d s, poll interval %d ms%n", clips, seconds, interval);
        run("connector (Status polled)", Map.of("mediaroutes.video-service.api", "connector"), clips, seconds, interval);
        run("videoindexer (callbacks)", AppTestSupport.videoIndexerMode(), clips, seconds, interval);
    }

    private static void run(String flow, Map<String, String> mode, int clips, int seconds, long interval) throws Exception {
        Path home = AppTestSupport.newHome("calls");
        Map<String, String> props = new HashMap<>(mode);
        props.put("mediaroutes.poll.interval", Long.toString(interval));
        props.put("server.tomcat.accesslog.enabled", "true");
        props.put("server.tomcat.accesslog.directory", home.resolve("access").toString());
        props.put("server.tomcat.accesslog.prefix", "access");
        props.put("server.tomcat.accesslog.buffered", "false");
        props.put("server.tomcat.accesslog.pattern", "%{begin:msec}t %m %U %q %s");
        try (ConfigurableApplicationContext app = AppTestSupport.start(home, props)) {
            Path clip = TestVideos.mp4(home.resolve("source.mp4"), seconds, 640, 360);
            for (int i = 0; i < clips; i++) {
                Files.copy(clip, home.resolve("drop/.c" + i + ".mp4"));
                Files.move(home.resolve("drop/.c" + i + ".mp4"), home.resolve("drop/calls-" + i + ".mp4"));
            }
            JdbcTemplate db = app.getBean(JdbcTemplate.class);
            long deadline = System.currentTimeMillis() + 10 * 60_000;
            while (db.queryForObject("SELECT COUNT(*) FROM pipeline_job WHERE state = 'DELIVERED'", Integer.class) < clips) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("not delivered in 10 minutes");
                }
                Thread.sleep(200);
            }
            Map<String, Long> completedAt = new HashMap<>();
            db.query("SELECT id, updated_at FROM service_video", (java.sql.ResultSet rs) -> {
                completedAt.put(rs.getString(1), rs.getTimestamp(2).getTime());
            });
            report(flow, home.resolve("access"), completedAt, interval, mode.get("mediaroutes.video-service.api").equals("videoindexer"));
        }
    }

    private static void report(String flow, Path logs, Map<String, Long> completedAt, long interval, boolean indexer) throws Exception {
        Map<String, Map<String, Integer>> perVideo = new TreeMap<>();
        Map<String, Integer> unattributed = new TreeMap<>();
        Map<String, Long> markedAt = new HashMap<>();
        List<Path> files;
        try (var list = Files.list(logs)) {
            files = list.toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = LINE.matcher(line.strip());
                String kind = m.matches() ? kind(m.group(2), m.group(3), m.group(4), indexer) : null;
                if (kind == null) {
                    continue;
                }
                Matcher id = VIDEO_ID.matcher(m.group(3));
                if (!id.find()) {
                    unattributed.merge(kind, 1, Integer::sum); // e.g. a Video Indexer upload: the id comes in the answer
                    continue;
                }
                String video = id.group(1);
                perVideo.computeIfAbsent(video, v -> new TreeMap<>()).merge(kind, 1, Integer::sum);
                if (kind.equals("MarkComplete")) {
                    markedAt.put(video, Long.parseLong(m.group(1)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s%n", flow);
        boolean withinBound = true;
        for (var entry : perVideo.entrySet()) {
            Map<String, Integer> calls = entry.getValue();
            if (!completedAt.containsKey(entry.getKey())) {
                continue;
            }
            double processing = markedAt.containsKey(entry.getKey())
                    ? (completedAt.get(entry.getKey()) - markedAt.get(entry.getKey())) / 1000.0 : Double.NaN;
            int polls = indexer ? calls.getOrDefault("index", 0) - 1 : calls.getOrDefault("Status", 0);
            long bound = indexer ? 0 : (long) Math.ceil(processing * 1000 / interval) + 1;
            withinBound &= polls <= bound;
            System.out.printf(Locale.ROOT, "  %s  %s  processing %.1f s  polls %d (bound %d)%n",
                    entry.getKey().substring(0, 8), calls, processing, polls, bound);
        }
        if (!unattributed.isEmpty()) {
            System.out.printf("  calls not tied to one video in their URL, in all: %s%n", unattributed);
        }
        System.out.printf("  polls within the bound for every video: %s%n", withinBound);
    }

    /** The kind of a pipeline call to the service, by method, path and query; null for calls we don't count. */
    private static String kind(String method, String path, String query, boolean indexer) {
        if (path.startsWith("/blob/")) {
            return query.contains("comp=blocklist") ? "commit" : query.contains("comp=block") ? "block" : method.equals("PUT") ? "putBlob" : null;
        }
        if (path.endsWith("/MarkComplete")) {
            return "MarkComplete";
        }
        if (path.endsWith("/Status")) {
            return "Status";
        }
        if (path.endsWith("/Index")) {
            return "index";
        }
        if (indexer && path.contains("/AccessToken")) {
            return "token";
        }
        if (method.equals("POST") && path.matches("/[^/]+/Accounts/[^/]+/Videos")) {
            return "upload";
        }
        return method.equals("POST") && path.equals("/api/Videos") ? "create" : null;
    }
}
