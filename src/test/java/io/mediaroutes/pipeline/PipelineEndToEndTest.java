package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A user's view of the pipeline: files into drop/, insights out of out/, failures in drop/.error/. */
class PipelineEndToEndTest extends AppTest {

    static Path drop() {
        return home().resolve("drop");
    }

    static Path out() {
        return home().resolve("out");
    }

    @Test
    void aDroppedVideoBecomesAnInsightsFileWithItsTrueDuration() throws Exception {
        TestVideos.mp4(drop().resolve("my clip.mp4"), 3);

        Path insights = out().resolve("my clip.mp4.insights.json");
        Await.until("the insights file", Duration.ofSeconds(60), () -> Files.exists(insights));
        JsonNode index = JSON.readTree(insights.toFile());
        assertThat(index.get("name").asText()).isEqualTo("my clip.mp4");
        assertThat(index.get("state").asText()).isEqualTo("Processed");
        assertThat(index.get("durationInSeconds").asInt()).isEqualTo(3);
        assertThat(index.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(index.at("/videos/0/insights").isObject()).isTrue();
        Await.until("the drop archived", Duration.ofSeconds(10), () -> Files.exists(drop().resolve(".done/my clip.mp4")));
        assertThat(drop().resolve("my clip.mp4")).doesNotExist();
        try (var tempFiles = Files.list(out())) {
            assertThat(tempFiles.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void aNonVideoAndAnEmptyFileGoToTheErrorFolderWithAReasonAndThePipelineKeepsWorking() throws Exception {
        Files.writeString(drop().resolve(".notes.mp4.tmp"), "this is text, not a video");
        Files.move(drop().resolve(".notes.mp4.tmp"), drop().resolve("notes.mp4"));
        Files.createFile(drop().resolve("empty.mp4"));

        Path notesReason = drop().resolve(".error/notes.mp4.error.json");
        Path emptyReason = drop().resolve(".error/empty.mp4.error.json");
        Await.until("both reasons", Duration.ofSeconds(60), () -> Files.exists(notesReason) && Files.exists(emptyReason));
        assertThat(drop().resolve(".error/notes.mp4")).hasContent("this is text, not a video");
        assertThat(drop().resolve(".error/empty.mp4")).exists();
        JsonNode notes = JSON.readTree(notesReason.toFile());
        assertThat(notes.get("file").asText()).isEqualTo("notes.mp4");
        assertThat(notes.get("reason").asText()).contains("Not a video").contains("Invalid data");
        assertThat(notes.get("videoId").asText()).matches("[0-9a-f-]{36}");
        assertThat(JSON.readTree(emptyReason.toFile()).get("reason").asText()).contains("empty");
        assertThat(out().resolve("notes.mp4.insights.json")).doesNotExist();

        TestVideos.mp4(drop().resolve("after.mp4"), 1);
        Await.until("the next video still delivered", Duration.ofSeconds(60),
                () -> Files.exists(out().resolve("after.mp4.insights.json")));
    }
}
