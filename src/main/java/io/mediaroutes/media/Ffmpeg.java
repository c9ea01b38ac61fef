package io.mediaroutes.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * Runs the ffmpeg and ffprobe binaries shipped in the org.bytedeco:ffmpeg jar (extracted on first use),
 * so a fresh machine needs no system install. Arguments go to the process as a list, never through a
 * shell, so names with spaces, quotes or unicode are passed as they are.
 */
public final class Ffmpeg {

    /** What a finished process left: its exit code, its stdout, and the tail of its stderr. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last non-empty stderr line: ffmpeg's own reason for failing, without its memory addresses. */
        public String reason() {
            String[] lines = stderr.strip().split("\\R");
            String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
            return last.isEmpty() ? "exit code " + exitCode : last.replaceAll(" @ 0x[0-9a-f]+", "");
        }
    }

    private static volatile String ffmpegPath;
    private static volatile String ffprobePath;

    private Ffmpeg() {}

    public static String ffmpeg() {
        if (ffmpegPath == null) {
            ffmpegPath = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        }
        return ffmpegPath;
    }

    public static String ffprobe() {
        if (ffprobePath == null) {
            ffprobePath = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        }
        return ffprobePath;
    }

    public static Result ffmpeg(List<String> args, Duration timeout) throws IOException {
        return run(ffmpegCommand(args), timeout);
    }

    /** Like {@link #ffmpeg(List, Duration)}, keeping all of stderr, where filters such as blackdetect report. */
    public static Result ffmpegFullLog(List<String> args, Duration timeout) throws IOException {
        return run(ffmpegCommand(args), timeout, Integer.MAX_VALUE);
    }

    /** Reads a running ffmpeg's stdout (frames sent to {@code pipe:1}) as it is written. */
    public interface StdoutReader {
        void read(InputStream stdout) throws IOException;
    }

    /**
     * Like {@link #ffmpegFullLog}, with stdout read as it is written, by {@code reader} in this thread: ffmpeg waits
     * while the reader is busy, so a slow reader slows the decode down and nothing piles up. Past {@code timeout},
     * or if the reader fails, ffmpeg is stopped.
     */
    public static Result ffmpegStreaming(List<String> args, Duration timeout, StdoutReader reader) throws IOException {
        Path err = Files.createTempFile("ffmpeg-", ".err");
        Process process = new ProcessBuilder(ffmpegCommand(args)).redirectError(err.toFile()).start();
        ScheduledFuture<?> deadline = TIMEOUTS.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream stdout = process.getInputStream()) {
            reader.read(stdout);
            stdout.transferTo(OutputStream.nullOutputStream()); // what the reader left: ffmpeg ends on its own
            int exit = process.waitFor();
            return deadline.isDone() ? new Result(-1, "", "timed out after " + timeout.toSeconds() + " s")
                    : new Result(exit, "", tail(err, Integer.MAX_VALUE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ffmpeg", e);
        } finally {
            deadline.cancel(false);
            process.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ffmpeg-timeouts");
        t.setDaemon(true);
        return t;
    });

    private static List<String> ffmpegCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-y"));
        command.addAll(args);
        return command;
    }

    public static Result ffprobe(List<String> args, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of(ffprobe(), "-hide_banner"));
        command.addAll(args);
        return run(command, timeout);
    }

    /** Output goes to temp files, not pipes, so a chatty process can never block on a full pipe. */
    private static Result run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, 8192);
    }

    private static Result run(List<String> command, Duration timeout, int stderrTail) throws IOException {
        Path out = Files.createTempFile("ffmpeg-", ".out");
        Path err = Files.createTempFile("ffmpeg-", ".err");
        Process process = null;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, "", "timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), tail(err, stderrTail));
        } catch (InterruptedException e) {
            process.destroyForcibly(); // a stopping service leaves no ffmpeg behind
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path file, int max) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int from = Math.max(0, bytes.length - max);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
