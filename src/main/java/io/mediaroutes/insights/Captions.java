package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Captions from the index's transcript lines, in Video Indexer's formats: Vtt, Srt, Ttml, Txt, Csv. */
public final class Captions {

    /** One caption: from, to (seconds) and its text. */
    public record Cue(double start, double end, String text) {}

    public static final Map<String, String> CONTENT_TYPES = Map.of("vtt", "text/vtt", "srt", "application/x-subrip",
            "ttml", "application/ttml+xml", "txt", "text/plain", "csv", "text/csv");

    private Captions() {}

    /** The cues of {@code insights.transcript} (empty when the transcript is missing or not analysed). */
    public static List<Cue> cues(JsonNode index) {
        List<Cue> cues = new ArrayList<>();
        for (JsonNode line : index.at("/videos/0/insights/transcript")) {
            for (JsonNode instance : line.path("instances")) {
                cues.add(new Cue(Timecode.parse(instance.path("start").asText("0:00:00")),
                        Timecode.parse(instance.path("end").asText("0:00:00")), line.path("text").asText()));
            }
        }
        return cues;
    }

    /** @param format vtt, srt, ttml, txt or csv (any case) */
    public static String format(List<Cue> cues, String format) {
        StringBuilder out = new StringBuilder();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "vtt" -> {
                out.append("WEBVTT\n\n");
                cues.forEach(c -> out.append(clock(c.start(), '.')).append(" --> ").append(clock(c.end(), '.')).append('\n')
                        .append(c.text()).append("\n\n"));
            }
            case "srt" -> {
                for (int i = 0; i < cues.size(); i++) {
                    Cue c = cues.get(i);
                    out.append(i + 1).append('\n').append(clock(c.start(), ',')).append(" --> ").append(clock(c.end(), ','))
                            .append('\n').append(c.text()).append("\n\n");
                }
            }
            case "ttml" -> {
                out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\" xml:lang=\"en-US\"><body><div>\n");
                cues.forEach(c -> out.append("<p begin=\"").append(clock(c.start(), '.')).append("\" end=\"").append(clock(c.end(), '.'))
                        .append("\">").append(xml(c.text())).append("</p>\n"));
                out.append("</div></body></tt>\n");
            }
            case "txt" -> cues.forEach(c -> out.append(c.text()).append('\n'));
            case "csv" -> {
                out.append("start,end,text\n");
                cues.forEach(c -> out.append(clock(c.start(), '.')).append(',').append(clock(c.end(), '.')).append(",\"")
                        .append(c.text().replace("\"", "\"\"")).append("\"\n"));
            }
            default -> throw new IllegalArgumentException("format must be Vtt, Srt, Ttml, Txt or Csv");
        }
        return out.toString();
    }

    /** HH:MM:SS.mmm (or with a comma, for SRT). */
    static String clock(double seconds, char separator) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
