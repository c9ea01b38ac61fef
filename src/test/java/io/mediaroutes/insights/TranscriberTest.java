package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transcript lines as the real service gives them: a line per pause, not one line for a whole utterance. */
class TranscriberTest {

    @Test
    void anUtteranceWithPausesBecomesALinePerPauseEachWithItsConfidence() throws Exception {
        // Vosk's result shape (setWords(true)): two phrases with a 0.8 s pause between them
        String result = """
                {"result": [
                  {"conf": 1.0, "start": 0.30, "end": 0.62, "word": "please"},
                  {"conf": 0.8, "start": 0.62, "end": 0.90, "word": "pay"},
                  {"conf": 0.6, "start": 0.90, "end": 1.40, "word": "today"},
                  {"conf": 1.0, "start": 2.20, "end": 2.50, "word": "thank"},
                  {"conf": 1.0, "start": 2.50, "end": 2.80, "word": "you"}],
                 "text": "please pay today thank you"}""";
        List<Transcriber.Line> lines = new ArrayList<>();
        Transcriber.add(lines, result);
        assertThat(lines).extracting(Transcriber.Line::text).containsExactly("Please pay today.", "Thank you.");
        assertThat(lines.get(0).start()).isEqualTo(0.30);
        assertThat(lines.get(0).end()).isEqualTo(1.40);
        assertThat(lines.get(0).confidence()).isEqualTo(0.8);
        assertThat(lines.get(1).confidence()).isEqualTo(1.0);
    }

    @Test
    void aLongUnbrokenStretchIsCutIntoReadableLines() throws Exception {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            words.append(i == 0 ? "" : ",").append("{\"conf\": 1.0, \"start\": ").append(i * 0.3).append(", \"end\": ")
                    .append(i * 0.3 + 0.3).append(", \"word\": \"w").append(i).append("\"}");
        }
        List<Transcriber.Line> lines = new ArrayList<>();
        Transcriber.add(lines, "{\"result\": [" + words + "]}");
        assertThat(lines).hasSize(3);
        assertThat(lines).allMatch(line -> line.text().split(" ").length <= Transcriber.MAX_WORDS);
        // one sentence cut for reading: a capital at its start, a full stop at its end only
        assertThat(lines).extracting(Transcriber.Line::text).satisfiesExactly(
                first -> assertThat(first).startsWith("W0 w1").doesNotEndWith("."),
                second -> assertThat(second).startsWith("w16").doesNotEndWith("."),
                third -> assertThat(third).startsWith("w32").endsWith("w39."));
    }
}
