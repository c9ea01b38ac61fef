package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drops named with Media Services' forbidden characters, unicode, or near the file system's length limit arrive too. */
class DropNamesTest extends AppTest {

    @Test
    void awkwardNamesAreDeliveredUnderNamesTheFileSystemTakes() throws Exception {
        // a backslash is left out: the folder drop rejects it with a reason (BadInputTest)
        String forbidden = "a<b>c%d&e:f?g*h+i'j k.mp4";
        String unicode = "видео 🎬 動画.mp4";
        String longName = "x".repeat(236) + ".mp4";
        for (String name : List.of(forbidden, unicode, longName)) {
            Path made = TestVideos.mp4(home().resolve("made-" + name.hashCode() + ".mp4"), 1);
            Files.move(made, home().resolve("drop").resolve(name));
        }

        Await.until("three deliveries", Duration.ofSeconds(90), () -> {
            try (var out = Files.list(home().resolve("out"))) {
                return out.filter(p -> p.toString().endsWith(".insights.json")).count() == 3;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(home().resolve("out").resolve(forbidden + ".insights.json")).exists();
        assertThat(home().resolve("out").resolve(unicode + ".insights.json")).exists();
        try (var out = Files.list(home().resolve("out"))) {
            assertThat(out.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("xxx")))
                    .singleElement().satisfies(n -> assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(240))
                    .satisfies(n -> assertThat(n).endsWith(".insights.json").contains("~"));
        }
    }

    @Test
    void safeNamesCutOnCharacterBoundariesAndKeepLongNamesApart() {
        SafeNames names = new SafeNames();
        assertThat(names.fit("clip.mp4", ".insights.json")).isEqualTo("clip.mp4.insights.json");
        String a = names.fit("é".repeat(200) + "a.mp4", ".insights.json");
        String b = names.fit("é".repeat(200) + "b.mp4", ".insights.json");
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeNames.MAX_BYTES);
        assertThat(a).isNotEqualTo(b).doesNotContain("\uFFFD");
    }
}
