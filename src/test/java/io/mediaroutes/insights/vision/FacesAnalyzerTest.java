package io.mediaroutes.insights.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.MissingTool;
import io.mediaroutes.RealFaces;
import io.mediaroutes.TestVideos;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faces and objects of real people's faces, by the vision worker the build installs. */
class FacesAnalyzerTest {

    @TempDir
    static Path dir;
    static InsightsAnalyzer.Result result;
    static JsonNode insights;

    @BeforeAll
    static void analyze() throws Exception {
        if (!Files.exists(RealFaces.GRID)) {
            MissingTool.skipOrFail("the vision worker is not installed at target/vision (mvn package installs it)");
        }
        Path video = RealFaces.video(dir, RealFaces.THREE_PEOPLE, 3);
        result = analyzer(true, true).analyze("faces-1", video, MediaProbe.probe(video), dir.resolve("work"), Duration.ofMinutes(5));
        insights = new ObjectMapper().valueToTree(result.insights());
    }

    static InsightsAnalyzer analyzer(boolean faces, boolean objects) throws IOException {
        return new InsightsAnalyzer(InsightsProperties.of(true, false, false, false, false, dir.resolve("models")).withVision(faces, objects));
    }

    @Test
    void theSameManInThreeShotsIsOnePersonAndTheOthersAreTwoMore() {
        JsonNode faces = insights.get("faces");
        assertThat(faces.isArray()).as(faces.toString()).isTrue();
        assertThat(faces.findValuesAsText("name")).as(faces.toString()).containsExactly("Unknown #1", "Unknown #2", "Unknown #3");
        List<Double> firstPersonStarts = new ArrayList<>();
        faces.get(0).get("instances").forEach(i -> firstPersonStarts.add(Timecode.parse(i.get("start").asText())));
        assertThat(firstPersonStarts).as("the man is seen at 0, 6 and 12 s").hasSize(3);
        assertThat(firstPersonStarts.get(0)).isCloseTo(0, within(1.0));
        assertThat(firstPersonStarts.get(1)).isCloseTo(6, within(1.0));
        assertThat(firstPersonStarts.get(2)).isCloseTo(12, within(1.0));
        assertThat(Timecode.parse(faces.at("/1/instances/0/start").asText())).isCloseTo(3, within(1.0));
        assertThat(Timecode.parse(faces.at("/2/instances/0/start").asText())).isCloseTo(9, within(1.0));
    }

    @Test
    void eachFaceHasItsThumbnailsStoredBesideTheIndex() throws Exception {
        for (JsonNode face : insights.get("faces")) {
            String id = face.get("thumbnailId").asText();
            InsightsAnalyzer.KeyFrame picture = result.keyFrames().stream().filter(k -> k.thumbnailId().equals(id)).findFirst().orElseThrow();
            assertThat(ImageIO.read(picture.jpeg().toFile()).getWidth()).as("a face, not the frame").isBetween(100, 640);
            assertThat(face.get("thumbnails").findValuesAsText("id")).contains(id);
            assertThat(face.at("/instances/0/thumbnailsIds/0").asText()).isNotEmpty();
        }
    }

    @Test
    void objectsSeeThePeopleAndLabelThem() {
        assertThat(insights.get("detectedObjects").findValuesAsText("displayName")).contains("person");
        assertThat(insights.get("observedPeople").size()).isGreaterThanOrEqualTo(1);
        assertThat(insights.get("labels").findValuesAsText("name")).contains("person");
    }

    @Test
    void noFaceIsReportedWhereThereIsNone() throws Exception {
        Path pattern = TestVideos.mp4(dir.resolve("pattern.mp4"), 6, 1280, 720);
        JsonNode none = new ObjectMapper().valueToTree(analyzer(true, false)
                .analyze("faces-2", pattern, MediaProbe.probe(pattern), dir.resolve("work-none"), Duration.ofMinutes(2)).insights());
        assertThat(none.get("faces")).as(none.get("faces").toString()).isEmpty();
        assertThat(none.at("/detectedObjects/status").asText()).isEqualTo("disabled");
    }

    @Test
    void aWorkerThatCannotStartFailsItsAnalyzersOnlyWithTheReason() throws Exception {
        Path fakeHome = BrokenWorkers.home(dir.resolve("broken-vision"), "out of memory: the model did not load");
        InsightsProperties base = InsightsProperties.of(true, false, false, false, false, dir.resolve("models")).withVision(true, true);
        InsightsProperties broken = new InsightsProperties(base.shots(), base.blackFrames(), base.audio(), base.ocr(), base.transcript(),
                base.faces(), base.objects(), base.language(), base.entities(), base.sentiment(), base.topics(),
                new InsightsProperties.Vision(fakeHome, 720), base.modelCache());
        Path pattern = TestVideos.mp4(dir.resolve("pattern-2.mp4"), 3, 640, 360);
        JsonNode index = new ObjectMapper().valueToTree(new InsightsAnalyzer(broken)
                .analyze("faces-3", pattern, MediaProbe.probe(pattern), dir.resolve("work-broken"), Duration.ofMinutes(2)).insights());
        assertThat(index.at("/faces/error").asText()).contains("vision worker failed", "out of memory: the model did not load");
        assertThat(index.at("/labels/error").asText()).contains("vision worker failed");
        assertThat(index.get("shots").isArray()).as("the other analyzers are complete").isTrue();
    }
}
