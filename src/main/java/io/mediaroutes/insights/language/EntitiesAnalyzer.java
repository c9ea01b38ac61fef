package io.mediaroutes.insights.language;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Instances;
import io.mediaroutes.insights.Keywords;
import io.mediaroutes.insights.TextAnalyzer;
import io.mediaroutes.insights.vision.VisionWorker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named people, named locations and brands in what is said and read, in the real index's shape: people and places
 * as compromise (rules and a lexicon, in the vision worker) names them, brands from {@link Brands}. A name that is
 * a brand is a brand only ("Ford"); a surname said after the full name is that person. Each instance is the line's
 * time, with its source (Transcript or Ocr).
 * Confidence: 1 for a brand on the list, {@value #NAMED_CONFIDENCE} for what the rules named.
 */
public record EntitiesAnalyzer(boolean enabled, Brands brands) implements TextAnalyzer {

    static final double NAMED_CONFIDENCE = 0.8;
    private static final String WIKIPEDIA = "https://en.wikipedia.org/wiki/";

    @Override
    public String name() {
        return "entities";
    }

    @Override
    public List<String> fields() {
        return List.of("namedPeople", "namedLocations", "brands");
    }

    /** One entity: its name, whether the operator listed it, and the lines it is in. */
    private record Entity(String name, boolean custom, List<Keywords.TimedText> lines) {}

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Analysis.Read read = analysis.read();
            Map<String, Entity> people = new LinkedHashMap<>();
            Map<String, Entity> places = new LinkedHashMap<>();
            Map<String, Entity> named = new LinkedHashMap<>();
            for (int i = 0; i < read.lines().size(); i++) {
                Keywords.TimedText line = read.lines().get(i);
                VisionWorker.Reading reading = read.readings().get(i);
                brands.in(line.text()).forEach(b -> seen(named, b.name(), b.custom(), line));
                reading.people().stream().filter(p -> !brands.isBrand(p)).forEach(p -> seen(people, p, false, line));
                reading.places().stream().filter(p -> !brands.isBrand(p)).forEach(p -> seen(places, p, false, line));
            }
            bySurname(people, read.lines());
            insights.set("namedPeople", entities(insights.arrayNode(), people.values(), false));
            insights.set("namedLocations", entities(insights.arrayNode(), places.values(), false));
            insights.set("brands", entities(insights.arrayNode(), named.values(), true));
        };
    }

    /**
     * A person named in full is the same person where only the surname is said later ("Barack Obama ... Obama said"):
     * those lines are the full name's, and the surname is not a person of its own.
     */
    static void bySurname(Map<String, Entity> people, List<Keywords.TimedText> lines) {
        for (Entity person : List.copyOf(people.values())) {
            String[] names = person.name().split(" ");
            if (names.length < 2) {
                continue;
            }
            String surname = names[names.length - 1].toLowerCase(Locale.ROOT);
            people.remove(surname);
            for (Keywords.TimedText line : lines) {
                List<String> words = List.of(line.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
                if (!person.lines().contains(line) && words.contains(surname)) {
                    person.lines().add(line);
                }
            }
            person.lines().sort(Comparator.comparingDouble(Keywords.TimedText::start));
        }
    }

    private static void seen(Map<String, Entity> entities, String name, boolean custom, Keywords.TimedText line) {
        List<Keywords.TimedText> lines = entities.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Entity(name, custom, new ArrayList<>())).lines();
        if (!lines.contains(line)) {
            lines.add(line);
        }
    }

    private static ArrayNode entities(ArrayNode array, Iterable<Entity> entities, boolean brands) {
        int id = 1;
        for (Entity entity : entities) {
            String reference = entity.name().replace(' ', '_');
            ObjectNode item = array.addObject().put("id", id++);
            if (brands) {
                item.put("referenceType", "Wiki");
            }
            item.put("name", entity.name()).put("referenceId", reference).put("referenceUrl", WIKIPEDIA + reference).putNull("description");
            item.putArray("tags");
            item.put("confidence", brands ? 1.0 : NAMED_CONFIDENCE).put("isCustom", entity.custom());
            ArrayNode instances = item.putArray("instances");
            for (Keywords.TimedText line : entity.lines()) {
                ObjectNode instance = instances.addObject();
                if (brands) {
                    instance.put("brandType", line.source());
                }
                Instances.times(instance.put("instanceSource", line.source()), line.start(), line.end());
            }
        }
        return array;
    }
}
