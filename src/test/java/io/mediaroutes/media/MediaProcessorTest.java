package io.mediaroutes.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProcessorTest {

    @TempDir
    Path dir;

    @Test
    void aLadderThatNeverUpscalesWithHlsDashAndDecodableThumbnails() throws Exception {
        Path input = TestVideos.mp4(dir.resolve("in put.mp4"), 9, 1280, 720);
        List<Integer> progress = new ArrayList<>();

        MediaProcessor.Output out = MediaProcessor.process(input, dir.resolve("work"), null, Duration.ofMinutes(5), progress::add);

        assertThat(out.rungs()).extracting(Ladder.Rung::name).containsExactly("360p", "720p");
        assertThat(MediaProbe.probe(out.progressive()).height()).isEqualTo(720);
        String master = Files.readString(out.hlsDir().resolve("master.m3u8"));
        assertThat(master).contains("RESOLUTION=640x360").contains("RESOLUTION=1280x720").doesNotContain("1920x1080");
        String media = Files.readString(out.hlsDir().resolve("360p/index.m3u8"));
        assertThat(media).contains("#EXT-X-TARGETDURATION:4").contains("#EXT-X-ENDLIST").doesNotContain("EXT-X-KEY");
        assertThat(media.lines().filter(l -> l.endsWith(".ts"))).hasSize(3);
        assertThat(MediaProbe.probe(out.hlsDir().resolve("master.m3u8")).wholeSeconds()).isEqualTo(9);
        assertThat(Files.readString(out.dashDir().resolve("manifest.mpd"))).contains("height=\"360\"").contains("height=\"720\"");
        assertThat(MediaProbe.probe(out.dashDir().resolve("manifest.mpd")).wholeSeconds()).isEqualTo(9);
        assertThat(out.thumbnails()).hasSizeGreaterThanOrEqualTo(5);
        for (MediaProcessor.Thumbnail t : out.thumbnails()) {
            assertThat(ImageIO.read(t.file().toFile()).getHeight()).isEqualTo(240);
        }
        assertThat(ImageIO.read(out.poster().toFile()).getHeight()).isEqualTo(720);
        assertThat(progress).containsExactly(10, 70, 90);
    }

    @Test
    void aSmallSourceGetsOneRenditionAtItsOwnHeight() {
        assertThat(Ladder.forSource(240)).extracting(Ladder.Rung::height).containsExactly(240);
        assertThat(Ladder.forSource(1080)).extracting(Ladder.Rung::height).containsExactly(360, 720, 1080);
        assertThat(Ladder.forSource(2160)).extracting(Ladder.Rung::height).containsExactly(360, 720, 1080);
    }

    @Test
    void withAKeyHlsSegmentsAreEncryptedAndNoClearDashOrProgressiveIsMade() throws Exception {
        Path input = TestVideos.mp4(dir.resolve("secret.mp4"), 2);
        byte[] key = "0123456789abcdef".getBytes();

        MediaProcessor.Output out = MediaProcessor.process(input, dir.resolve("work"),
                new MediaProcessor.HlsKey(key, "https://keys.example/k1"), Duration.ofMinutes(5), p -> { });

        assertThat(Files.readString(out.hlsDir().resolve("240p/index.m3u8")))
                .contains("#EXT-X-KEY:METHOD=AES-128,URI=\"https://keys.example/k1\"");
        assertThat(out.dashDir()).isNull();
        assertThat(out.progressive()).isNull();
        try (var files = Files.walk(dir.resolve("work"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("hls.key", "hls.keyinfo");
        }
    }

    @Test
    void aTruncatedVideoFailsWithFfmpegsReason() throws Exception {
        Path input = TestVideos.mp4(dir.resolve("whole.mp4"), 2);
        Path truncated = dir.resolve("truncated.mp4");
        byte[] bytes = Files.readAllBytes(input);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> MediaProcessor.process(truncated, dir.resolve("work"), null, Duration.ofMinutes(1), p -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageNotContaining(dir.toString());
    }
}
