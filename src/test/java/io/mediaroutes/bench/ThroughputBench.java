package io.mediaroutes.bench;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * bench/throughput: N short generated clips through the whole pipeline (drop → Create Video → upload →
 * MarkComplete → processing → the service's signal or the poll → deliver), against a bare loop of the same ffmpeg
 * commands (probe, H.264/AAC ladder with thumbnails, HLS, DASH, poster) at the same concurrency; prints clips per
 * minute and the ratio, for the app warm (a running service) and for a first batch right after its start. The
 * pipeline's insights analyzers are off, so both sides do the same processing. Not a test: run by bench/throughput.
 */
public final class ThroughputBench {

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        Path home = AppTestSupport.newHome("throughput");
        Path clip = TestVideos.mp4(home.resolve("source.mp4"), seconds, 640, 360);

        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < clips; i++) {
            Path work = home.resolve("bare/" + i);
            runs.add(pool.submit(() -> {
                ProcessingBench.bareCommands(clip, seconds, 360, work, Duration.ofMinutes(10));
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        double bare = (System.nanoTime() - t0) / 1e9;

        Map<String, String> props = new HashMap<>(AppTestSupport.properties(home));
        props.remove("mediaroutes.poll.interval"); // the default, 5 s: each poll asks for every video still in processing
        for (String analyzer : new String[] {"shots", "black-frames", "audio", "ocr", "transcript"}) {
            props.put("mediaroutes.insights." + analyzer + ".enabled", "false");
        }
        try (AppProcess app = AppProcess.start(home.resolve("app.log"), props)) {
            // a first batch from the fresh app (its JIT compiler busy with what start-up made hot for a minute or
            // more), then the measured one from the warm app
            int firstBatch = 100;
            Path warmUp = TestVideos.mp4(home.resolve("warm-up.mp4"), 3, 640, 360);
            double cold = pipeline(home, "w", firstBatch, warmUp);
            double warm = pipeline(home, "t", clips, clip);
            System.out.printf(Locale.ROOT, "throughput: %d clips of %d s 640x360, %d at a time (%d cores)%n", clips, seconds, threads, threads);
            System.out.printf(Locale.ROOT, "  bare ffmpeg loop      %6.1f s  %6.1f clips/min%n", bare, clips * 60 / bare);
            System.out.printf(Locale.ROOT, "  whole pipeline, warm  %6.1f s  %6.1f clips/min  (after a first batch of %d clips of 3 s)%n",
                    warm, clips * 60 / warm, firstBatch);
            System.out.printf(Locale.ROOT, "  ratio pipeline/bare   %.2f  (goal >= 0.85 for 3 s clips, 0.95 for 60 s)%n", bare / warm);
            System.out.printf(Locale.ROOT, "  the first batch, cold %6.1f s for %d clips of 3 s (the app just started)%n", cold, firstBatch);
        }
    }

    /** Seconds from dropping {@code count} copies of the clip to the last one's insights in out/. */
    private static double pipeline(Path home, String prefix, int count, Path clip) throws Exception {
        long before = delivered(home);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Files.copy(clip, home.resolve("drop/." + prefix + i + ".mp4"));
            Files.move(home.resolve("drop/." + prefix + i + ".mp4"), home.resolve("drop/" + prefix + "-" + i + ".mp4"));
        }
        while (delivered(home) < before + count) {
            Thread.sleep(100);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long delivered(Path home) throws Exception {
        try (var out = Files.list(home.resolve("out"))) {
            return out.filter(p -> p.toString().endsWith(".insights.json")).count();
        }
    }
}
