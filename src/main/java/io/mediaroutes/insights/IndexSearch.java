package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a query occurs in an index, as Video Indexer's Search reports it: {@code searchMatches} of
 * {startTime, type, text, exactText}, case-insensitive, in transcript, OCR, keywords, labels, topics, named people,
 * named locations and brands.
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
        SEARCHABLE.put("namedPeople", "NamedPerson");
        SEARCHABLE.put("namedLocations", "NamedLocation");
        SEARCHABLE.put("brands", "Brand");
    }

    private IndexSearch() {
    }

    /** The matches in {@code index}; null when neither the index nor the video's {@code name} contains the query. */
    public static ArrayNode matches(String name, JsonNode index, String query) {
        // matched in the text as it is (a lower-cased copy can differ in length, e.g. "İ", and misplace exactText)
        Pattern wanted = Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        JsonNode insights = index.at("/videos/0/insights");
        SEARCHABLE.forEach((kind, type) -> {
            for (JsonNode item : insights.path(kind)) {
                String text = item.has("text") ? item.path("text").asText() : item.path("name").asText();
                Matcher found = wanted.matcher(text);
                if (found.find()) {
                    double start = Timecode.parse(item.at("/instances/0/start").asText("0:00:00"));
                    matches.addObject().put("startTime", Timecode.format(start)).put("type", type).put("text", text)
                            .put("exactText", found.group());
                }
            }
        });
        return matches.isEmpty() && !wanted.matcher(name).find() ? null : matches;
    }
}
