package io.mediaroutes.insights.language;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Instances;
import io.mediaroutes.insights.Keywords;
import io.mediaroutes.insights.TextAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the video is about: the text said and read in each stretch of about {@value #WINDOW_SECONDS} s compared,
 * by sentence embeddings ({@link Embeddings}), with each category of the IAB Content Taxonomy 3.0
 * ({@link Taxonomy}); a stretch is about its closest category when the cosine similarity reaches
 * {@value #MIN_SIMILARITY}. {@code topics[]} as the real index has them, with {@code iabName}, the similarity as
 * confidence, and the stretches as instances; the {@value #MAX_TOPICS} surest.
 */
public record TopicsAnalyzer(boolean enabled, Path modelCache) implements TextAnalyzer {

    static final double WINDOW_SECONDS = 30;
    static final double MIN_SIMILARITY = 0.35;
    static final int MAX_TOPICS = 10;

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public List<String> fields() {
        return List.of("topics");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Map<Taxonomy.Category, List<double[]>> times = new LinkedHashMap<>();
            Map<Taxonomy.Category, Double> confidence = new HashMap<>();
            for (List<Keywords.TimedText> window : windows(Analysis.byTime(analysis.text()))) {
                float[] embedding = Embeddings.of(String.join(" ", window.stream().map(Keywords.TimedText::text).toList()));
                Taxonomy.Category closest = null;
                double best = MIN_SIMILARITY;
                for (Taxonomy.Category category : Taxonomy.categories(modelCache)) {
                    double similarity = Embeddings.similarity(embedding, category.embedding());
                    if (similarity >= best) {
                        best = similarity;
                        closest = category;
                    }
                }
                if (closest != null) {
                    double[] stretch = {window.get(0).start(), window.get(window.size() - 1).end()};
                    times.computeIfAbsent(closest, c -> new ArrayList<>()).add(stretch);
                    confidence.merge(closest, best, Math::max);
                }
            }
            ArrayNode topics = insights.putArray("topics");
            int id = 1;
            for (Taxonomy.Category category : times.keySet().stream()
                    .sorted(Comparator.comparingDouble((Taxonomy.Category c) -> confidence.get(c)).reversed()).limit(MAX_TOPICS).toList()) {
                ObjectNode topic = topics.addObject().put("id", id++).put("name", category.name())
                        .put("referenceId", String.join("/", category.tiers())).putNull("referenceUrl").put("referenceType", "IAB")
                        .putNull("iptcName").put("iabName", category.name())
                        .put("confidence", Math.round(confidence.get(category) * 100) / 100.0).put("language", "en-US");
                ArrayNode instances = topic.putArray("instances");
                times.get(category).forEach(t -> Instances.add(instances, t[0], t[1]));
            }
        };
    }

    /** Consecutive lines, cut where a stretch would exceed {@value #WINDOW_SECONDS} s. */
    static List<List<Keywords.TimedText>> windows(List<Keywords.TimedText> lines) {
        List<List<Keywords.TimedText>> windows = new ArrayList<>();
        List<Keywords.TimedText> window = new ArrayList<>();
        for (Keywords.TimedText line : lines) {
            if (!window.isEmpty() && line.end() - window.get(0).start() > WINDOW_SECONDS) {
                windows.add(window);
                window = new ArrayList<>();
            }
            window.add(line);
        }
        if (!window.isEmpty()) {
            windows.add(window);
        }
        return windows;
    }
}
