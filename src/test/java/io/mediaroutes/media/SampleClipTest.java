package io.mediaroutes.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's demo: {@code java -jar mediaroutes.jar sample-clip drop/demo.mp4} makes a real 5 s video with the bundled ffmpeg. */
class SampleClipTest {

    @TempDir
    Path dir;

    @Test
    void theDemoClipIsAFiveSecondVideo() throws Exception {
        Path clip = dir.resolve("drop/demo.mp4");
        SampleClip.main(new String[] {clip.toString()});
        assertThat(Files.list(clip.getParent())).as("no partial file left").containsExactly(clip);
        MediaProbe.Info info = MediaProbe.probe(clip);
        assertThat(info.wholeSeconds()).isEqualTo(5);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
    }
}
