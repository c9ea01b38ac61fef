package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.PromptContent;
import io.mediaroutes.insights.Timecode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Prompt Content from a real recorded Video Indexer index (conformance/videoindexer/get-video-index.json), held to
 * Microsoft's published example of the answer (conformance/videoindexer/prompt-content.json).
 */
class PromptContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("^\\[(Video title|Detected objects|Visual labels|OCR|Transcript|Known people|Audio effects|Topics)\\] ");

    @Test
    void aRealIndexBecomesOneSectionPerSceneInThePublishedShape() throws IOException {
        JsonNode index = recording("get-video-index.json");
        JsonNode answer = PromptContent.of(index, null, 1000, PromptContent.Style.FULL);
        KeyPaths.assertConforms(answer, "videoindexer", "prompt-content.json");

        JsonNode sections = answer.path("sections");
        assertThat(sections.size()).as("one per scene: none of the recording's passes 1000 tokens")
                .isEqualTo(index.at("/videos/0/insights/scenes").size());
        String title = "[Video title] " + index.path("name").asText();
        double end = 0;
        for (int i = 0; i < sections.size(); i++) {
            JsonNode section = sections.get(i);
            assertThat(section.path("id").asInt()).isEqualTo(i);
            assertThat(Timecode.parse(section.path("start").asText())).as("sections follow each other").isEqualTo(end);
            end = Timecode.parse(section.path("end").asText());
            String content = section.path("content").asText();
            assertThat(content).startsWith(title);
            assertThat(content.lines()).allSatisfy(line -> assertThat(line).satisfiesAnyOf(
                    l -> assertThat(l).containsPattern(TAG), l -> assertThat(section.path("content").asText()).contains("[Transcript] ")));
        }
        // the tennis player's face is seen at 0:00:05.04: the scene from 0:00:00 to 0:00:05.28 names him, as do the crowd's cheers later
        assertThat(sections.get(0).path("content").asText()).contains("[Known people] Nick Kyrgios");
        assertThat(sections.findValuesAsText("content")).anySatisfy(c -> assertThat(c).contains("[Audio effects] CrowdReactions"));
        assertThat(String.join("\n", sections.findValuesAsText("content")))
                .contains(index.at("/videos/0/insights/transcript/0/text").asText());
        assertThat(sections.get(0).path("frames").get(0).asText()).as("the scene's key frames, as thumbnail ids")
                .isEqualTo(index.at("/videos/0/insights/shots/0/keyFrames/0/instances/0/thumbnailId").asText());
    }

    @Test
    void aSmallBudgetCutsScenesWhereLinesStartAndNeverLosesALine() throws IOException {
        JsonNode index = recording("get-video-index.json");
        JsonNode sections = PromptContent.sections(index, 64, PromptContent.Style.FULL);
        assertThat(sections.size()).isGreaterThan(index.at("/videos/0/insights/scenes").size());
        assertThat(sections.findValuesAsText("content")).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(64 * 4));
        String all = String.join("\n", sections.findValuesAsText("content"));
        List<String> lines = index.at("/videos/0/insights/transcript").findValuesAsText("text");
        assertThat(lines.stream().filter(line -> line.length() < 150)).allSatisfy(line -> assertThat(all).contains(line));
    }

    @Test
    void summarizedKeepsFiveOfEachListAndTheWholeTranscript() throws IOException {
        JsonNode index = recording("get-video-index.json");
        for (JsonNode section : PromptContent.sections(index, 1000, PromptContent.Style.SUMMARIZED)) {
            section.path("content").asText().lines().filter(l -> l.startsWith("[Visual labels]"))
                    .forEach(l -> assertThat(l.split(", ")).hasSizeLessThanOrEqualTo(5));
        }
        String full = String.join("\n", PromptContent.sections(index, 1000, PromptContent.Style.FULL).findValuesAsText("content"));
        String summarized = String.join("\n", PromptContent.sections(index, 1000, PromptContent.Style.SUMMARIZED).findValuesAsText("content"));
        assertThat(summarized.length()).isLessThan(full.length());
        assertThat(summarized).contains(index.at("/videos/0/insights/transcript/0/text").asText());
    }

    private static JsonNode recording(String name) throws IOException {
        try (InputStream in = PromptContentTest.class.getResourceAsStream("/conformance/videoindexer/" + name)) {
            return JSON.readTree(in);
        }
    }
}
