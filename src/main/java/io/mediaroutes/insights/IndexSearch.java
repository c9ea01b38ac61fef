package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a query occurs in an index, as Video Indexer's Search reports it: {@code searchMatches} of
 * {startTime, type, text, exactText}, case-insensitive, in transcript, OCR, keywords, labels and topics.
 */
public final class IndexSearch {

    /** Where a query may match, and the type each kind of match is reported as (in this order). */
    private static final Map<String, String> SEARCHABLE = new LinkedHashMap<>();

    static {
        SEARCHABLE.put("transcript", "Transcript");
        SEARCHABLE.put("ocr", "Ocr");
        SEARCHABLE.put("keywords", "Keyword");
        SEARCHABLE.put("labels", "Label");
        SEARCHABLE.put("topics", "Topic");
    }

    private IndexSearch() {
    }

    /** The matches in {@code index}; null when neither the index nor the video's {@code name} contains the query. */
    public static ArrayNode matches(String name, JsonNode index, String query) {
        String wanted = query.toLowerCase(Locale.ROOT);
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        JsonNode insights = index.at("/videos/0/insights");
        SEARCHABLE.forEach((kind, type) -> {
            for (JsonNode item : insights.path(kind)) {
                String text = item.has("text") ? item.path("text").asText() : item.path("name").asText();
                int at = text.toLowerCase(Locale.ROOT).indexOf(wanted);
                if (at >= 0) {
                    double start = Timecode.parse(item.at("/instances/0/start").asText("0:00:00"));
                    matches.addObject().put("startTime", Timecode.format(start)).put("type", type).put("text", text)
                            .put("exactText", text.substring(at, at + wanted.length()));
                }
            }
        });
        return matches.isEmpty() && !name.toLowerCase(Locale.ROOT).contains(wanted) ? null : matches;
    }
}
