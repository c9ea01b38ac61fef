package io.mediaroutes;

import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real videos made on the spot with ffmpeg's lavfi sources: nothing large is committed. */
public final class TestVideos {

    private TestVideos() {}

    /** An H.264/AAC mp4 of the given length: a 320x240 test pattern with a tone. */
    public static Path mp4(Path file, int seconds) throws IOException {
        return mp4(file, seconds, 320, 240);
    }

    public static Path mp4(Path file, int seconds, int width, int height) throws IOException {
        return make(file, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libopenh264", "-c:a", "aac", "-shortest"));
    }

    /**
     * A copy of an MP4 with a {@code free} box naming it appended (players and ffmpeg skip it): the same video, bytes of
     * its own, so the duplicates check does not take it for the original.
     */
    public static Path distinctCopy(Path mp4, Path copy, String label) throws IOException {
        byte[] name = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer free = java.nio.ByteBuffer.allocate(8 + name.length).putInt(8 + name.length)
                .put("free".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(name);
        Files.copy(mp4, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(copy, free.array(), java.nio.file.StandardOpenOption.APPEND);
        return copy;
    }

    /** A video of one frame and no sound: as near to 0 seconds as a video gets. */
    public static Path oneFrame(Path file) throws IOException {
        return make(file, List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "1", "-c:v", "libopenh264"));
    }

    /** A still picture with one line of white text on dark blue, 640x360, for OCR. */
    public static Path textImage(Path png, String text) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(640, 360, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(20, 30, 60));
        g.fillRect(0, 0, 640, 360);
        g.setColor(java.awt.Color.WHITE);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 32));
        g.drawString(text, 30, 190);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        javax.imageio.ImageIO.write(image, "png", png.toFile());
        return png;
    }

    /** {@code seconds} of a caption on screen with espeak-ng saying {@code said}: OCR, transcript and keywords to find. */
    public static Path captionedSpeech(Path file, String caption, String said, int seconds) throws IOException {
        return captionedSpeech(file, caption, said, seconds, "en-us");
    }

    /** The same, spoken by espeak-ng's {@code voice} ("fr", "de"...). */
    public static Path captionedSpeech(Path file, String caption, String said, int seconds, String voice) throws IOException {
        Path speech = file.resolveSibling(file.getFileName() + ".wav");
        try {
            Process espeak = new ProcessBuilder("espeak-ng", "-v", voice, "-s", "140", "-w", speech.toString(), said).start();
            if (espeak.waitFor() != 0) {
                throw new IOException("espeak-ng failed");
            }
        } catch (IOException notInstalled) {
            MissingTool.skipOrFail("espeak-ng is not installed (.ci/run installs it): no speech to make the test video with");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path png = textImage(file.resolveSibling(file.getFileName() + ".png"), caption);
        return make(file, List.of("-loop", "1", "-t", Integer.toString(seconds), "-i", png.toString(), "-i", speech.toString(),
                "-filter_complex", "[0]fps=25,format=yuv420p[v];[1]apad[a]", "-map", "[v]", "-map", "[a]", "-t", Integer.toString(seconds),
                "-c:v", "libopenh264", "-c:a", "aac"));
    }

    private static Path make(Path file, List<String> arguments) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".part.mp4");
        List<String> command = new java.util.ArrayList<>(arguments);
        command.add(temp.toString());
        Ffmpeg.Result result = Ffmpeg.ffmpeg(command, Duration.ofMinutes(1));
        if (!result.ok()) {
            throw new IOException("ffmpeg could not make a test video: " + result.reason());
        }
        // appear complete at once, as a user's copy would after it finished
        return Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
