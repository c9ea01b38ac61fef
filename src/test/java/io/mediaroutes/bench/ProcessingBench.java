package io.mediaroutes.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.TestVideos;
import io.mediaroutes.media.Encoder;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.Ladder;
import io.mediaroutes.media.MediaProbe;
import io.mediaroutes.media.MediaProcessor;
import io.mediaroutes.service.Playback;
import io.mediaroutes.storage.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * bench/processing: the service's processing of one clip (probe, encode, HLS, DASH, poster, store) against the
 * bare ffmpeg/ffprobe command lines that make the same files, alternated in one run; prints the ratio and the
 * real-time factor. Not a test: run by bench/processing.
 */
public final class ProcessingBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("mediaroutes-bench-processing-");
        Path clip = TestVideos.mp4(dir.resolve("clip.mp4"), seconds, 1280, 720);
        Duration timeout = Duration.ofMinutes(30);

        List<Double> service = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path work = dir.resolve("bare-" + round);
            long t0 = System.nanoTime();
            bareCommands(clip, seconds, 720, work, timeout);
            bare.add((System.nanoTime() - t0) / 1e9);

            Path out = dir.resolve("service-" + round);
            long t1 = System.nanoTime();
            MediaProcessor.Output result = MediaProcessor.process(clip, out, null, timeout, p -> { });
            Playback.store(new LocalBlobStore(dir.resolve("blobs-" + round)), "asset-bench", result, new ObjectMapper());
            service.add((System.nanoTime() - t1) / 1e9);
        }
        double s = service.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double b = bare.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf(Locale.ROOT, "processing of a %d s 1280x720 H.264/AAC clip (best of %d, %d cores)%n",
                seconds, rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  bare ffmpeg command lines  %7.2f s  (runs: %s)%n", b, bare);
        System.out.printf(Locale.ROOT, "  service processing         %7.2f s  (runs: %s)%n", s, service);
        System.out.printf(Locale.ROOT, "  ratio service/bare         %7.2f  (goal <= 1.15)%n", s / b);
        System.out.printf(Locale.ROOT, "  real-time factor           %7.2f  (processing time / video duration)%n", s / seconds);
    }

    /** The same ffmpeg and ffprobe runs as the service's (thumbnails and poster at its times), nothing else. */
    static void bareCommands(Path clip, double seconds, int height, Path work, Duration timeout) throws Exception {
        Files.createDirectories(work.resolve("dash"));
        check(Ffmpeg.ffprobe(List.of("-v", "error", "-print_format", "json", "-show_format", "-show_streams", clip.toString()), timeout));
        MediaProbe.Info info = new MediaProbe.Info(0, height * 16 / 9, height, "h264", "aac");
        List<Ladder.Rung> rungs = Ladder.forSource(height);
        check(Ffmpeg.ffmpeg(Encoder.encode(clip, info, rungs, Math.max(1.0, seconds / 6), work), timeout));
        List<Path> renditions = rungs.stream().map(r -> work.resolve(r.name() + ".mp4")).toList();
        check(Ffmpeg.ffmpeg(Encoder.hls(renditions, rungs.stream().map(Ladder.Rung::name).toList(), true, null, work.resolve("hls")), timeout));
        check(Ffmpeg.ffmpeg(Encoder.dash(renditions, true, work.resolve("dash")), timeout));
        check(Ffmpeg.ffmpeg(Encoder.poster(clip, Math.min(seconds * 0.1, 5.0), height, work.resolve("poster.jpg")), timeout));
    }

    private static void check(Ffmpeg.Result result) {
        if (!result.ok()) {
            throw new IllegalStateException(result.reason());
        }
    }
}
