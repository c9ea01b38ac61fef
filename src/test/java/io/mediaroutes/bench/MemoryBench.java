package io.mediaroutes.bench;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.media.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/memory: a large generated video (2 GiB by default: MPEG-2 noise at 640x360, looped by stream copy)
 * through the whole pipeline with the app at -Xmx256m (OCR off: noise is no text). It must complete; the peak heap
 * in use (sampled every 250 ms over JMX) is printed beside the file size. Not a test: run by bench/memory.
 */
public final class MemoryBench {

    public static void main(String[] args) throws Exception {
        long targetMiB = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        Path home = AppTestSupport.newHome("memory");
        Path seed = home.resolve("seed.mpg");
        // noise doesn't compress: a big file from a short, small picture, so the bench is about bytes, not encoding
        check(Ffmpeg.ffmpeg(List.of("-f", "lavfi", "-i", "nullsrc=size=640x360:rate=25:duration=4,geq=random(1)*255:128:128",
                "-f", "lavfi", "-i", "sine=duration=4", "-c:v", "mpeg2video", "-q:v", "1", "-c:a", "mp2", seed.toString()), Duration.ofMinutes(5)));
        long loops = Math.max(0, targetMiB * 1024 * 1024 / Files.size(seed));
        Path big = home.resolve("big.mpg");
        check(Ffmpeg.ffmpeg(List.of("-stream_loop", Long.toString(loops), "-i", seed.toString(), "-c", "copy", big.toString()), Duration.ofMinutes(10)));
        long size = Files.size(big);

        Map<String, String> props = new HashMap<>(AppTestSupport.properties(home));
        props.put("mediaroutes.insights.ocr.enabled", "false"); // Tesseract on a noise picture takes seconds a frame
        try (AppProcess app = AppProcess.start(home.resolve("app.log"), props, "-Xmx256m")) {
            long started = System.nanoTime();
            Files.move(big, home.resolve("drop/big.mpg"));
            long peak = 0;
            Path out = home.resolve("out/big.mpg.insights.json");
            while (!Files.exists(out) && !Files.exists(home.resolve("drop/.error/big.mpg"))) {
                peak = Math.max(peak, app.heapUsed());
                Thread.sleep(250);
            }
            System.out.printf(Locale.ROOT, "memory: a %.2f GiB generated video through the pipeline, app at -Xmx256m%n", size / (double) (1L << 30));
            System.out.printf(Locale.ROOT, "  outcome        %s%n", Files.exists(out) ? "delivered" : "REJECTED: see drop/.error/big.mpg.error.json");
            System.out.printf(Locale.ROOT, "  time           %.1f s%n", (System.nanoTime() - started) / 1e9);
            System.out.printf(Locale.ROOT, "  peak heap used %d MiB of 256 (file: %d MiB)%n", peak >> 20, size >> 20);
        }
    }

    private static void check(Ffmpeg.Result result) {
        if (!result.ok()) {
            throw new IllegalStateException(result.reason());
        }
    }
}
