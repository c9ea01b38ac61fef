package io.mediaroutes.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @TempDir
    Path dir;

    @Test
    void probesDurationAndSizeEvenWithSpacesQuotesAndUnicodeInTheName() throws Exception {
        Path video = TestVideos.mp4(dir.resolve("a 'quoted' \"clip\" – видео.mp4"), 2);

        MediaProbe.Info info = MediaProbe.probe(video);

        assertThat(info.wholeSeconds()).isEqualTo(2);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
    }

    @Test
    void textIsNotAVideoAndTheReasonHidesTheServerPath() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "hello");

        assertThatThrownBy(() -> MediaProbe.probe(text))
                .isInstanceOf(MediaProbe.NotAVideoException.class)
                .hasMessageContaining("Invalid data")
                .hasMessageNotContaining(dir.toString());
    }
}
