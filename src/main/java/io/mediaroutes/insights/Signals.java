package io.mediaroutes.insights;

import io.mediaroutes.media.Ffmpeg;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one ffmpeg pass measures for the analyzers: colour histograms of small frames at {@value #FPS} fps (for
 * shots and scenes), black intervals (blackdetect), silent intervals (silencedetect) and EBU R128 loudness.
 */
public record Signals(List<double[]> histograms, List<Frame> frames, List<Interval> black, List<Interval> silence, Loudness loudness) {

    public static final int FPS = 10;
    /** In the work folder: the sound as 16 kHz mono s16le, when there is sound. */
    public static final String SPEECH_PCM = "speech.pcm";
    static final int WIDTH = 32;
    static final int HEIGHT = 18;
    static final int BINS_PER_CHANNEL = 4;

    public record Interval(double start, double end) {}

    /**
     * What the shot detector needs of one frame, kept small so a long video stays cheap: its mean luma (0..1) and
     * how much its content differs from each of the {@value #LOOK_BACK} frames before it ({@code back[k-1]}: mean
     * per-pixel luma and colour difference to frame i-k, 0..1; NaN before the first frame), and the share of its
     * pixels that changed clearly since the frame before ({@code changed}: a caption appearing changes a part of the
     * picture, a cut nearly all of it).
     */
    public record Frame(double luma, double[] back, double changed) {}

    static final int LOOK_BACK = 6;

    /** Integrated loudness (LUFS), loudness range (LU) and true peak (dBFS); null fields if there is no audio. */
    public record Loudness(Double integratedLufs, Double rangeLu, Double truePeakDbfs) {}

    /**
     * Where the decode hands colour frames, as it makes them: {@code rate} frames a second, scaled to
     * {@code width}x{@code height}, one at a time (one frame in the heap, whatever the video's length).
     */
    public record FrameSink(double rate, int width, int height, Consumer<VideoFrame> consumer) {}

    /** Nothing measured: what the analyzer works from when every analyzer is off (the pass is skipped). */
    public static final Signals NONE = new Signals(List.of(), List.of(), List.of(), List.of(), new Loudness(null, null, null));

    private static final Pattern BLACK = Pattern.compile("black_start:([\\d.]+) black_end:([\\d.]+)");
    private static final Pattern SILENCE_START = Pattern.compile("silence_start: (-?[\\d.]+)");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: ([\\d.]+)");
    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[\\d.]+) LUFS");
    private static final Pattern RANGE = Pattern.compile("LRA:\\s+(-?[\\d.]+) LU");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[\\d.]+|-inf) dBFS");

    /**
     * @param ocrFrames when not null, also writes one grey frame a second there ({@code ocr-00001.png} is 0 s),
     *                  at most 720 lines high, and its bright-text version ({@code ocrb-00001.png}), for OCR:
     *                  one decode serves every analyzer
     * @param frames    when not null, also hands it colour frames at its rate and size
     */
    public static Signals measure(Path input, boolean hasAudio, double durationSeconds, Path work, Path ocrFrames,
            FrameSink frames, Duration timeout) throws IOException {
        Files.createDirectories(work);
        Path small = work.resolve("frames.rgb");
        String graph = "[0:v]split=" + (frames == null ? 2 : 3) + "[v1][v2]" + (frames == null ? "" : "[v3]") + ";[v1]fps=" + FPS + ",scale=" + WIDTH + ":" + HEIGHT
                + ":flags=area,format=rgb24,split[small][b];[b]blackdetect=d=0.1:pix_th=0.10[black]";
        // OCR sees each second twice: the grey frame, and only its near-white pixels as black on white, so that
        // light captions over busy pictures read as cleanly as dark text on plain backgrounds
        graph += ocrFrames == null ? ";[v2]nullsink"
                : ";[v2]fps=1,scale=-2:'min(720,ih)',format=gray,split[ocr][bright];[bright]lut=c0='if(gte(val,225),0,255)'[ocrb]";
        List<String> args = new ArrayList<>(List.of("-v", "info", "-i", input.toString(), "-filter_complex", graph,
                "-map", "[small]", "-f", "rawvideo", small.toString(),
                "-map", "[black]", "-f", "null", "-"));
        if (ocrFrames != null) {
            Files.createDirectories(ocrFrames);
            args.addAll(List.of("-map", "[ocr]", ocrFrames.resolve("ocr-%05d.png").toString(),
                    "-map", "[ocrb]", ocrFrames.resolve("ocrb-%05d.png").toString()));
        }
        if (hasAudio) {
            args.addAll(List.of("-map", "0:a:0", "-af", "silencedetect=n=-50dB:d=0.5,ebur128=peak=true", "-f", "null", "-"));
            // for speech recognition: 16 kHz mono PCM
            args.addAll(List.of("-map", "0:a:0", "-ac", "1", "-ar", "16000", "-f", "s16le", work.resolve(SPEECH_PCM).toString()));
        }
        if (frames != null) {
            graph += String.format(Locale.ROOT, ";[v3]fps=%s,scale=%d:%d,format=rgb24[colour]", frames.rate(), frames.width(), frames.height());
            args.set(args.indexOf("-filter_complex") + 1, graph);
            args.addAll(List.of("-map", "[colour]", "-f", "rawvideo", "pipe:1"));
        }
        Ffmpeg.Result result = frames == null ? Ffmpeg.ffmpegFullLog(args, timeout)
                : Ffmpeg.ffmpegStreaming(args, timeout, stdout -> handOut(stdout, frames));
        if (!result.ok()) {
            throw new IOException("analysis failed: " + result.reason());
        }
        String log = result.stderr();
        return small(small, black(log), silence(log, durationSeconds), hasAudio ? loudness(log) : new Loudness(null, null, null));
    }

    private static void handOut(InputStream stdout, FrameSink sink) throws IOException {
        for (int i = 0; ; i++) {
            byte[] rgb = stdout.readNBytes(sink.width() * sink.height() * 3);
            if (rgb.length < sink.width() * sink.height() * 3) {
                return;
            }
            sink.consumer().accept(new VideoFrame(i / sink.rate(), sink.width(), sink.height(), rgb));
        }
    }

    /**
     * Per small frame: its normalised RGB histogram (4×4×4 bins), and what the shot detector needs of it (see
     * {@link Frame}). The file is read frame by frame, keeping only the {@value #LOOK_BACK} frames before.
     */
    private static Signals small(Path file, List<Interval> black, List<Interval> silence, Loudness loudness) throws IOException {
        int frameBytes = WIDTH * HEIGHT * 3;
        List<double[]> histograms = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        byte[] window = new byte[frameBytes * (LOOK_BACK + 1)]; // this frame and the ones before, oldest first
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int n = 0; ; n++) {
                System.arraycopy(window, frameBytes, window, 0, frameBytes * LOOK_BACK);
                int offset = frameBytes * LOOK_BACK;
                if (in.readNBytes(window, offset, frameBytes) < frameBytes) {
                    break;
                }
                histograms.add(histogram(window, offset));
                double luma = 0;
                for (int p = offset; p < offset + frameBytes; p += 3) {
                    luma += (0.299 * (window[p] & 0xff) + 0.587 * (window[p + 1] & 0xff) + 0.114 * (window[p + 2] & 0xff)) / 255;
                }
                double[] back = new double[LOOK_BACK];
                for (int k = 1; k <= LOOK_BACK; k++) {
                    back[k - 1] = n - k < 0 ? Double.NaN : difference(window, offset, offset - k * frameBytes, frameBytes);
                }
                frames.add(new Frame(luma / (WIDTH * HEIGHT), back, n == 0 ? 0 : changedShare(window, offset, offset - frameBytes)));
            }
        }
        return new Signals(histograms, frames, black, silence, loudness);
    }

    private static double[] histogram(byte[] raw, int offset) {
        double[] histogram = new double[BINS_PER_CHANNEL * BINS_PER_CHANNEL * BINS_PER_CHANNEL];
        for (int p = offset; p < offset + WIDTH * HEIGHT * 3; p += 3) {
            int r = (raw[p] & 0xff) * BINS_PER_CHANNEL / 256;
            int g = (raw[p + 1] & 0xff) * BINS_PER_CHANNEL / 256;
            int b = (raw[p + 2] & 0xff) * BINS_PER_CHANNEL / 256;
            histogram[(r * BINS_PER_CHANNEL + g) * BINS_PER_CHANNEL + b] += 1.0 / (WIDTH * HEIGHT);
        }
        return histogram;
    }

    /** The share of pixels whose colour moved by more than a sixth of the scale in some channel. */
    static double changedShare(byte[] raw, int a, int b) {
        int changed = 0;
        for (int p = 0; p < WIDTH * HEIGHT * 3; p += 3) {
            int most = 0;
            for (int c = 0; c < 3; c++) {
                most = Math.max(most, Math.abs((raw[a + p + c] & 0xff) - (raw[b + p + c] & 0xff)));
            }
            changed += most > 42 ? 1 : 0;
        }
        return (double) changed / (WIDTH * HEIGHT);
    }

    /** Mean absolute difference of two frames' pixels, channel by channel, 0..1: content, not just colours. */
    static double difference(byte[] raw, int a, int b, int frameBytes) {
        long sum = 0;
        for (int i = 0; i < frameBytes; i++) {
            sum += Math.abs((raw[a + i] & 0xff) - (raw[b + i] & 0xff));
        }
        return sum / (255.0 * frameBytes);
    }

    static List<Interval> black(String log) {
        List<Interval> black = new ArrayList<>();
        Matcher m = BLACK.matcher(log);
        while (m.find()) {
            black.add(new Interval(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return black;
    }

    static List<Interval> silence(String log, double durationSeconds) {
        List<Interval> silence = new ArrayList<>();
        Matcher starts = SILENCE_START.matcher(log);
        Matcher ends = SILENCE_END.matcher(log);
        while (starts.find()) {
            double start = Math.max(0, Double.parseDouble(starts.group(1)));
            double end = ends.find(starts.end()) ? Double.parseDouble(ends.group(1)) : durationSeconds;
            silence.add(new Interval(start, end));
        }
        return silence;
    }

    /** ebur128 prints its summary last; the last match of each figure is the whole file's. */
    static Loudness loudness(String log) {
        return new Loudness(last(INTEGRATED, log), last(RANGE, log), last(PEAK, log));
    }

    private static Double last(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        String value = null;
        while (m.find()) {
            value = m.group(1);
        }
        return value == null || value.equals("-inf") ? null : Double.parseDouble(value);
    }
}
