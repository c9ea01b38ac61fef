package io.mediaroutes.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Turns one input video into everything playback needs, in a work folder: the rendition mp4s (the top one is
 * the progressive "Streaming" file), HLS (optionally AES-128), DASH (unless protected), a poster and thumbnails.
 */
public final class MediaProcessor {

    /** A thumbnail file and the second of the video it shows. */
    public record Thumbnail(Path file, double time, int height) {}

    /** What processing made. Paths are inside the work folder. */
    public record Output(MediaProbe.Info info, List<Ladder.Rung> rungs, Path progressive, Path hlsDir, Path dashDir,
            Path poster, List<Thumbnail> thumbnails) {}

    /** AES-128 for HLS: the 16-byte key and the URL players fetch it from. */
    public record HlsKey(byte[] key, String uri) {}

    private MediaProcessor() {}

    /**
     * @param progress called with a percentage as steps finish
     */
    public static Output process(Path input, Path work, HlsKey key, Duration timeout, IntConsumer progress) throws IOException {
        Files.createDirectories(work);
        MediaProbe.Info info = MediaProbe.probe(input);
        progress.accept(10);

        List<Ladder.Rung> rungs = Ladder.forSource(info.height());
        double thumbnailEvery = Math.max(1.0, info.durationSeconds() / 6);
        run(Encoder.encode(input, info, rungs, thumbnailEvery, work), timeout, "encoding");
        progress.accept(70);

        List<Path> renditions = rungs.stream().map(r -> work.resolve(r.name() + ".mp4")).toList();
        boolean audio = info.audioCodec() != null;
        Path hls = work.resolve("hls");
        Path keyInfo = key == null ? null : keyInfo(work, key);
        run(Encoder.hls(renditions, rungs.stream().map(Ladder.Rung::name).toList(), audio, keyInfo, hls), timeout, "HLS packaging");
        if (keyInfo != null) {
            Files.delete(keyInfo);
            Files.delete(work.resolve("hls.key"));
        }
        Path dash = null;
        if (key == null) {
            dash = work.resolve("dash");
            Files.createDirectories(dash);
            run(Encoder.dash(renditions, audio, dash), timeout, "DASH packaging");
        }
        progress.accept(90);

        Path poster = work.resolve("poster.jpg");
        // a tenth in (at most 5 s); a video under a second has its poster at the start, or no frame would be left
        double posterAt = info.durationSeconds() < 1 ? 0 : Math.min(info.durationSeconds() * 0.1, 5.0);
        run(Encoder.poster(input, posterAt, info.height(), poster), timeout, "poster");
        return new Output(info, rungs, key == null ? renditions.get(renditions.size() - 1) : null, hls, dash, poster,
                thumbnails(work, thumbnailEvery));
    }

    /** ffmpeg's key info file: the key URI players see, then the local key file. */
    private static Path keyInfo(Path work, HlsKey key) throws IOException {
        Path keyFile = Files.write(work.resolve("hls.key"), key.key());
        return Files.writeString(work.resolve("hls.keyinfo"), key.uri() + "\n" + keyFile + "\n");
    }

    private static List<Thumbnail> thumbnails(Path work, double every) throws IOException {
        List<Thumbnail> thumbnails = new ArrayList<>();
        try (Stream<Path> files = Files.list(work)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().matches("thumb-\\d+\\.jpg")).sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                thumbnails.add(new Thumbnail(sorted.get(i), i * every, 240));
            }
        }
        return thumbnails;
    }

    private static void run(List<String> args, Duration timeout, String step) throws IOException {
        Ffmpeg.Result result = Ffmpeg.ffmpeg(args, timeout);
        if (!result.ok()) {
            throw new ProcessingException(step + " failed: " + result.reason());
        }
    }

    /** ffmpeg refused: the message is ffmpeg's own reason, fit for a client. */
    public static class ProcessingException extends IOException {
        public ProcessingException(String message) {
            super(message);
        }
    }
}
