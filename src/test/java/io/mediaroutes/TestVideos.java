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

    /** A video of one frame and no sound: as near to 0 seconds as a video gets. */
    public static Path oneFrame(Path file) throws IOException {
        return make(file, List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "1", "-c:v", "libopenh264"));
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
