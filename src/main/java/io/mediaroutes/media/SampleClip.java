package io.mediaroutes.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -jar mediaroutes.jar sample-clip <file.mp4>}: a 5-second H.264/AAC test clip made by the ffmpeg the
 * app bundles (unpacked on first use), so a demo needs nothing installed. It appears complete at once (written beside
 * it, then moved), as a user's copy into the drop folder would.
 */
public final class SampleClip {

    private SampleClip() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "sample.mp4").toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part.mp4");
        Ffmpeg.Result made = Ffmpeg.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=5",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=5", "-c:v", "libopenh264", "-c:a", "aac", "-shortest",
                temp.toString()), Duration.ofMinutes(2));
        if (!made.ok()) {
            System.err.println("ffmpeg could not make the clip: " + made.reason());
            System.exit(1);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Made " + target + " (5 s, 640x360, H.264/AAC)");
    }
}
