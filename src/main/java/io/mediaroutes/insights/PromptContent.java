package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prompt Content, as Video Indexer defines it ("Azure AI Video Indexer with LLM prompts"): a video's insights as text
 * sections, one per scene, each a few tagged lines ({@code [Video title]}, {@code [Detected objects]},
 * {@code [Visual labels]}, {@code [OCR]}, {@code [Transcript]}, {@code [Known people]}, {@code [Audio effects]}, and
 * ours, {@code [Topics]}) with its start, end and key frames. A scene whose text passes the token budget is cut where a
 * line starts; tokens are counted as a quarter of the characters (the usual estimate for English). Built from any
 * index of Video Indexer's shape, ours or the real service's.
 */
public final class PromptContent {

    public static final String SCHEMA_VERSION = "0.0.1"; // the shape of Microsoft's published example
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUMMARIZED_ITEMS = 5;

    /** Full: every item; Summarized: at most five of each list (the transcript stays whole). */
    public enum Style { FULL, SUMMARIZED }

    private final JsonNode insights;
    private final String title;
    private final int budgetChars;
    private final Style style;

    private PromptContent(JsonNode index, int tokensPerSection, Style style) {
        this.insights = index.at("/videos/0/insights");
        this.title = index.path("name").asText();
        this.budgetChars = Math.max(64, tokensPerSection) * 4;
        this.style = style;
    }

    /** The Prompt Content answer for an index: algoVersion, schemaVersion, partition, name and the sections. */
    public static ObjectNode of(JsonNode index, String partition, int tokensPerSection, Style style) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("algoVersion", "1.0.0").put("schemaVersion", SCHEMA_VERSION).put("partition", partition)
                .put("name", index.path("name").asText());
        answer.set("sections", sections(index, tokensPerSection, style));
        return answer;
    }

    /** The sections alone: {id, start, end, content, frames}, in time order. */
    public static ArrayNode sections(JsonNode index, int tokensPerSection, Style style) {
        return new PromptContent(index, tokensPerSection, style).sections();
    }

    private ArrayNode sections() {
        ArrayNode sections = JSON.createArrayNode();
        for (double[] scene : scenes()) {
            for (double[] piece : withinBudget(scene[0], scene[1])) {
                ObjectNode section = sections.addObject();
                section.put("id", sections.size() - 1).put("start", Timecode.format(piece[0])).put("end", Timecode.format(piece[1]));
                String content = content(piece[0], piece[1]);
                section.put("content", content.length() <= budgetChars ? content : content.substring(0, budgetChars - 1) + "…");
                ArrayNode frames = section.putArray("frames");
                keyFrames(piece[0], piece[1]).forEach(frames::add);
            }
        }
        return sections;
    }

    /** The scenes' times; else the shots'; else the whole video. */
    private List<double[]> scenes() {
        List<double[]> ranges = new ArrayList<>();
        for (String kind : List.of("scenes", "shots")) {
            for (JsonNode item : insights.path(kind)) {
                for (JsonNode instance : item.path("instances")) {
                    ranges.add(new double[] {time(instance, "start"), time(instance, "end")});
                }
            }
            if (!ranges.isEmpty()) {
                ranges.sort((a, b) -> Double.compare(a[0], b[0]));
                return ranges;
            }
        }
        double end = insights.has("duration") ? Timecode.parse(insights.path("duration").asText()) : 0;
        for (JsonNode instance : insights.findValues("instances").stream().flatMap(list -> list.valueStream()).toList()) {
            end = Math.max(end, time(instance, "end")); // an index without its duration: as far as anything in it reaches
        }
        return List.of(new double[] {0, end});
    }

    /** [start, end) cut where transcript or OCR lines start, so that each piece's text fits the budget where it can. */
    private List<double[]> withinBudget(double start, double end) {
        List<double[]> pieces = new ArrayList<>();
        TreeSet<Double> cuts = new TreeSet<>();
        for (String kind : List.of("transcript", "ocr")) {
            for (JsonNode item : insights.path(kind)) {
                for (JsonNode instance : item.path("instances")) {
                    double at = time(instance, "start");
                    if (at > start && at < end) {
                        cuts.add(at);
                    }
                }
            }
        }
        cuts.add(end);
        double from = start;
        Double fits = null; // the furthest cut whose piece still fits
        for (double cut : cuts) {
            if (content(from, cut).length() <= budgetChars) {
                fits = cut;
                continue;
            }
            if (fits != null) {
                pieces.add(new double[] {from, fits});
                from = fits;
            }
            if (content(from, cut).length() <= budgetChars) {
                fits = cut;
            } else { // one line alone passes the budget: it is its own piece, shortened
                pieces.add(new double[] {from, cut});
                from = cut;
                fits = null;
            }
        }
        if (from < end) {
            pieces.add(new double[] {from, end});
        }
        return pieces;
    }

    private String content(double start, double end) {
        StringBuilder text = new StringBuilder("[Video title] ").append(title);
        line(text, "Detected objects", names("detectedObjects", "displayName", start, end), ", ");
        line(text, "Visual labels", names("labels", "name", start, end), ", ");
        line(text, "OCR", names("ocr", "text", start, end), ", ");
        line(text, "Transcript", texts("transcript", start, end), "\n");
        line(text, "Known people", names("faces", "name", start, end).stream().filter(n -> !n.startsWith("Unknown")).toList(), ", ");
        line(text, "Audio effects", names("audioEffects", "type", start, end).stream().filter(t -> !t.equals("Silence")).toList(), ", ");
        line(text, "Topics", names("topics", "name", start, end), ", ");
        return text.toString();
    }

    private static void line(StringBuilder text, String tag, List<String> items, String separator) {
        if (!items.isEmpty()) {
            text.append('\n').append('[').append(tag).append("] ").append(String.join(separator, items));
        }
    }

    /** Each item of a kind seen in [start, end), once, first seen first; five at most when summarized. */
    private List<String> names(String kind, String field, double start, double end) {
        List<String> names = List.copyOf(new LinkedHashSet<>(texts(kind, field, start, end)));
        return style == Style.SUMMARIZED ? names.subList(0, Math.min(SUMMARIZED_ITEMS, names.size())) : names;
    }

    private List<String> texts(String kind, double start, double end) {
        return texts(kind, "text", start, end);
    }

    private List<String> texts(String kind, String field, double start, double end) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : insights.path(kind)) {
            String text = item.path(field).asText().strip();
            if (!text.isEmpty() && overlaps(item, start, end)) {
                texts.add(text);
            }
        }
        return texts;
    }

    private Set<String> keyFrames(double start, double end) {
        Set<String> frames = new LinkedHashSet<>();
        for (JsonNode shot : insights.path("shots")) {
            for (JsonNode frame : shot.path("keyFrames")) {
                for (JsonNode instance : frame.path("instances")) {
                    double at = time(instance, "start");
                    if (at >= start && at < end && instance.hasNonNull("thumbnailId")) {
                        frames.add(instance.path("thumbnailId").asText());
                    }
                }
            }
        }
        return frames;
    }

    private static boolean overlaps(JsonNode item, double start, double end) {
        for (JsonNode instance : item.path("instances")) {
            if (time(instance, "start") < end && time(instance, "end") > start) {
                return true;
            }
        }
        return false;
    }

    private static double time(JsonNode instance, String which) {
        return Timecode.parse(instance.path(which).asText("0:00:00"));
    }
}
