package io.mediaroutes.insights.language;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Instances;
import io.mediaroutes.insights.Keywords;
import io.mediaroutes.insights.TextAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentiment of each line said or read, as the real index groups it: one entry per {@code sentimentType}
 * (Positive, Neutral, Negative) with its lines as instances and their {@code averageScore} (0 to 1). A line's score
 * is VADER's compound score (-1 to 1, in the vision worker) moved to 0 to 1; VADER's own thresholds (±0.05) divide
 * the types.
 */
public record SentimentAnalyzer(boolean enabled) implements TextAnalyzer {

    static final double NEUTRAL_BAND = 0.05;

    @Override
    public String name() {
        return "sentiment";
    }

    @Override
    public List<String> fields() {
        return List.of("sentiments");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Analysis.Read read = analysis.read();
            Map<String, List<Integer>> byType = new LinkedHashMap<>();
            for (String type : List.of("Positive", "Neutral", "Negative")) {
                byType.put(type, new ArrayList<>());
            }
            for (int i = 0; i < read.lines().size(); i++) {
                byType.get(type(read.readings().get(i).sentiment())).add(i);
            }
            ArrayNode sentiments = insights.putArray("sentiments");
            int id = 1;
            for (var type : byType.entrySet()) {
                if (type.getValue().isEmpty()) {
                    continue;
                }
                double sum = 0;
                ObjectNode sentiment = sentiments.addObject().put("id", id++);
                ArrayNode instances = sentiment.putArray("instances");
                for (int i : type.getValue()) {
                    Keywords.TimedText line = read.lines().get(i);
                    sum += (read.readings().get(i).sentiment() + 1) / 2;
                    Instances.add(instances, line.start(), line.end());
                }
                sentiment.put("averageScore", Math.round(sum / type.getValue().size() * 100) / 100.0).put("sentimentType", type.getKey());
                sentiment.set("instances", sentiment.remove("instances")); // after the score, as the real index orders them
            }
        };
    }

    static String type(double compound) {
        return compound >= NEUTRAL_BAND ? "Positive" : compound <= -NEUTRAL_BAND ? "Negative" : "Neutral";
    }
}
