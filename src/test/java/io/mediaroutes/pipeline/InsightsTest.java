package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsightsTest {

    final Insights insights = new Insights(new ObjectMapper());

    @Test
    void textJoinsOcrAndTranscriptAndToleratesMissingEngines() throws Exception {
        Map<String, Object> index = insights.parse("""
                {"videos":[{"insights":{"ocr":[{"text":"INVOICE 42"}],"transcript":[{"text":"Hello World"}],"shots":[{"id":1},{"id":2}]}}]}""");
        assertThat(insights.text(index)).isEqualTo("invoice 42 hello world");
        assertThat(insights.items(index, "shots")).hasSize(2);

        Map<String, Object> noEngines = insights.parse("""
                {"videos":[{"insights":{"ocr":{"error":"engine not installed"},"transcript":{"error":"engine not installed"}}}]}""");
        assertThat(insights.text(noEngines)).isEmpty();
        assertThat(insights.items(noEngines, "transcript")).isEmpty();
    }
}
