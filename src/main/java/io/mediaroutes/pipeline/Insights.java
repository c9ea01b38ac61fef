package io.mediaroutes.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Reads the insights JSON for sink predicates: as a map, and as the lower-case words seen and heard. */
@Component("insights")
public class Insights {

    private final ObjectMapper json;

    public Insights(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> parse(String index) throws IOException {
        return json.readValue(index, new TypeReference<>() {});
    }

    /** OCR and transcript text of the first video, lower-cased and space-joined: for "contains" predicates. */
    @SuppressWarnings("unchecked")
    public String text(Map<String, Object> index) {
        List<Map<String, Object>> videos = (List<Map<String, Object>>) index.getOrDefault("videos", List.of());
        if (videos.isEmpty()) {
            return "";
        }
        Map<String, Object> insights = (Map<String, Object>) videos.get(0).getOrDefault("insights", Map.of());
        return Stream.of("ocr", "transcript")
                .flatMap(kind -> ((List<Map<String, Object>>) insights.getOrDefault(kind, List.of())).stream())
                .map(item -> String.valueOf(item.getOrDefault("text", "")))
                .collect(Collectors.joining(" ")).toLowerCase();
    }
}
