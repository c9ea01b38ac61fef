package io.mediaroutes.bench;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * minute and the ratio, for the app warm (a running service: after 1,000 short clips) and for a first batch right
 * after its start. The pipeline's insights analyzers are off, so both sides do the same processing. The two sides
 * alternate for {@code ROUNDS} rounds (default 3) and each is reported by its median: single batches on a shared VM
 * vary by a quarter or more. Not a test: run by bench/throughput.
 */
public final class ThroughputBench {

    private static final int WARM_UP_BATCH = 100;
    private static final int WARM_UP_BATCHES = 10;

    public static void main(String[] args) throws Exception {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "3"));
        int threads = Runtime.getRuntime().availableProcessors();
        Path home = AppTestSupport.newHome("throughput");
        Path clip = TestVideos.mp4(home.resolve("source.mp4"), seconds, 640, 360);

        Map<String, String> props = new HashMap<>(AppTestSupport.properties(home));
        props.remove("mediaroutes.poll.interval"); // the default, 5 s: each poll asks for every video still in processing
        for (String analyzer : new String[] {"shots", "black-frames", "audio", "ocr", "transcript"}) {
            props.put("mediaroutes.insights." + analyzer + ".enabled", "false");
        }
        try (AppProcess app = AppProcess.start(home.resolve("app.log"), props)) {
            // the warm-up's first batch is the fresh app's figure (its JIT compiler busy with what start-up made hot
            // for a minute or more); then the measured rounds from the warm app, each beside a bare batch
            double cold = warmUp(app, home, TestVideos.mp4(home.resolve("warm-up.mp4"), 3, 640, 360));
            double[] bare = new double[rounds];
            double[] warm = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                quiet(app); // the bare loop gets the machine: the app's JIT compiler done with the last batch
                double cpuBefore = app.cpuSeconds();
                bare[r] = bare(home.resolve("bare/" + r), clip, seconds, clips, threads);
                double cpuBetween = app.cpuSeconds();
                warm[r] = pipeline(home, "r" + (r + 1), clips, clip);
                double cpuAfter = app.cpuSeconds();
                System.out.printf(Locale.ROOT, "  round %d: bare %.1f s (the idle app used %.1f s of CPU meanwhile), pipeline %.1f s"
                        + " (the app's JVM used %.1f s of CPU, ffmpeg not counted), ratio %.2f%n",
                        r + 1, bare[r], cpuBetween - cpuBefore, warm[r], cpuAfter - cpuBetween, bare[r] / warm[r]);
            }
            double bareMedian = median(bare);
            double warmMedian = median(warm);
            System.out.printf(Locale.ROOT, "throughput: %d clips of %d s 640x360, %d at a time (%d cores), median of %d rounds%n",
                    clips, seconds, threads, threads, rounds);
            System.out.printf(Locale.ROOT, "  bare ffmpeg loop      %6.1f s  %6.1f clips/min%n", bareMedian, clips * 60 / bareMedian);
            System.out.printf(Locale.ROOT, "  whole pipeline, warm  %6.1f s  %6.1f clips/min  (after %d warm-up clips of 3 s)%n",
                    warmMedian, clips * 60 / warmMedian, WARM_UP_BATCHES * WARM_UP_BATCH);
            System.out.printf(Locale.ROOT, "  ratio pipeline/bare   %.2f  (goal >= 0.85 for 3 s clips, 0.95 for 60 s)%n", bareMedian / warmMedian);
            System.out.printf(Locale.ROOT, "  the first batch, cold %6.1f s for %d clips of 3 s (the app just started)%n", cold, WARM_UP_BATCH);
        }
    }

    /**
     * Batches of clips until the app is warm; returns the seconds of the first. The JIT compiler keeps compiling
     * what runs once or a few times per clip for hundreds of clips (measured, the app's CPU per 100 clips: 15.8,
     * 10.0, 7.3, 6.3, 5.7, 5.1, 4.4, 4.0 s, then 3.5-4.0 in the rounds), so a running service is warm only after
     * some 1,000.
     */
    private static double warmUp(AppProcess app, Path home, Path clip) throws Exception {
        double first = 0;
        for (int batch = 1; batch <= WARM_UP_BATCHES; batch++) {
            double before = app.cpuSeconds();
            double took = pipeline(home, "w" + batch, WARM_UP_BATCH, clip);
            System.out.printf(Locale.ROOT, "  warm-up batch %d: %d clips in %.1f s, the app's JVM used %.1f s of CPU%n",
                    batch, WARM_UP_BATCH, took, app.cpuSeconds() - before);
            if (batch == 1) {
                first = took;
            }
        }
        return first;
    }

    /** Seconds for the bare ffmpeg commands on {@code count} copies of the clip, {@code threads} at a time. */
    private static double bare(Path work, Path clip, int seconds, int count, int threads) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path dir = work.resolve(Integer.toString(i));
                runs.add(pool.submit(() -> {
                    ProcessingBench.bareCommands(clip, seconds, 360, dir, Duration.ofMinutes(10));
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Waits until the app uses under 5 % of a core over a second (at most a minute). */
    private static void quiet(AppProcess app) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            double before = app.cpuSeconds();
            Thread.sleep(1000);
            if (app.cpuSeconds() - before < 0.05) {
                return;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Seconds from dropping {@code count} copies of the clip to the last one's insights in out/. */
    private static double pipeline(Path home, String prefix, int count, Path clip) throws Exception {
        long before = delivered(home);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            // bytes of its own: the duplicates check (on, as by default) hashes each drop and finds none
            TestVideos.distinctCopy(clip, home.resolve("drop/." + prefix + i + ".mp4"), prefix + i);
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
