package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keywords from the words seen (OCR) and heard (transcript). The method is plain counting: words of four letters or
 * more, not stop words; a keyword appears at least twice (or is among the five most frequent when few repeat); its
 * confidence is its share of the top count. Instances are the times of the lines that contain the word.
 */
public final class Keywords {

    /** A line of text, when it is on screen or spoken, and where it came from: "Transcript" or "Ocr" (the index's instanceSource). */
    public record TimedText(String text, double start, double end, String source) {}

    private static final Set<String> STOP_WORDS = Set.of("this", "that", "with", "from", "have", "will", "your", "about",
            "there", "their", "what", "when", "which", "were", "been", "they", "them", "then", "than", "into", "just",
            "also", "some", "more", "very", "here", "each", "only", "over", "such", "would", "could", "should");

    private Keywords() {}

    public static ArrayNode keywords(List<TimedText> lines) {
        ArrayNode keywords = JsonNodeFactory.instance.arrayNode();
        List<Map.Entry<String, List<TimedText>>> ranked = ranked(lines);
        int top = ranked.isEmpty() ? 1 : ranked.get(0).getValue().size();
        int id = 1;
        for (Map.Entry<String, List<TimedText>> word : ranked) {
            var keyword = keywords.addObject().put("id", id++).put("text", word.getKey())
                    .put("confidence", Math.round(100.0 * word.getValue().size() / top) / 100.0).put("language", "en-US");
            ArrayNode instances = keyword.putArray("instances");
            word.getValue().forEach(line -> instances.addObject()
                    .put("adjustedStart", Timecode.format(line.start())).put("adjustedEnd", Timecode.format(line.end()))
                    .put("start", Timecode.format(line.start())).put("end", Timecode.format(line.end())));
        }
        return keywords;
    }

    private static List<Map.Entry<String, List<TimedText>>> ranked(List<TimedText> lines) {
        Map<String, List<TimedText>> byWord = new LinkedHashMap<>();
        for (TimedText line : lines) {
            for (String word : line.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.length() >= 4 && !STOP_WORDS.contains(word) && word.chars().anyMatch(Character::isLetter)) {
                    List<TimedText> seen = byWord.computeIfAbsent(word, w -> new ArrayList<>());
                    if (!seen.contains(line)) {
                        seen.add(line);
                    }
                }
            }
        }
        List<Map.Entry<String, List<TimedText>>> ranked = new ArrayList<>(byWord.entrySet());
        ranked.sort((a, b) -> b.getValue().size() - a.getValue().size());
        List<Map.Entry<String, List<TimedText>>> repeated = ranked.stream().filter(e -> e.getValue().size() >= 2).toList();
        return repeated.size() >= 3 ? repeated : ranked.subList(0, Math.min(5, ranked.size()));
    }
}
