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

    /** The items of one insight type (shots, scenes, transcript, ...) of the first video; empty if it has none. */
    @SuppressWarnings("unchecked")
    public List<Object> items(Map<String, Object> index, String type) {
        List<Map<String, Object>> videos = (List<Map<String, Object>>) index.getOrDefault("videos", List.of());
        Object items = videos.isEmpty() ? null : ((Map<String, Object>) videos.get(0).getOrDefault("insights", Map.of())).get(type);
        return items instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** OCR and transcript text of the first video, lower-cased and space-joined: for "contains" predicates. */
    @SuppressWarnings("unchecked")
    public String text(Map<String, Object> index) {
        return Stream.of("ocr", "transcript")
                .flatMap(kind -> items(index, kind).stream())
                .filter(item -> item instanceof Map)
                .map(item -> String.valueOf(((Map<String, Object>) item).getOrDefault("text", "")))
                .collect(Collectors.joining(" ")).toLowerCase();
    }
}
