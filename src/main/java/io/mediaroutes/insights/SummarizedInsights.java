package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index's {@code summarizedInsights}: each insight once, with its appearances ({@code startTime, endTime,
 * startSeconds, endSeconds}), how long it is seen and which share of the video that is, as Video Indexer sums them.
 */
final class SummarizedInsights {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SummarizedInsights() {}

    static ObjectNode of(VideoIndex.Subject v, double durationSeconds, ObjectNode insights) {
        ObjectNode summary = NODES.objectNode();
        summary.put("name", v.name());
        summary.put("id", v.id());
        summary.put("privacyMode", "Private");
        summary.putObject("duration").put("time", Timecode.format(durationSeconds)).put("seconds", tenth(durationSeconds));
        summary.put("thumbnailVideoId", v.id());
        summary.put("thumbnailId", thumbnailId(insights));
        ArrayNode faces = summary.putArray("faces");
        for (JsonNode face : list(insights, "faces")) {
            ArrayNode appearances = appearances(face, false);
            double seen = seen(appearances);
            faces.addObject().put("videoId", v.id()).putNull("referenceId").putNull("referenceType")
                    .put("confidence", face.path("confidence").asDouble()).putNull("description").putNull("title")
                    .put("thumbnailId", face.path("thumbnailId").asText()).put("seenDuration", tenth(seen))
                    .put("seenDurationRatio", ratio(seen, durationSeconds)).put("id", face.path("id").asInt())
                    .put("name", face.path("name").asText()).set("appearances", appearances);
        }
        ArrayNode keywords = summary.putArray("keywords");
        for (JsonNode keyword : list(insights, "keywords")) {
            keywords.addObject().put("isTranscript", false).put("id", keyword.path("id").asInt())
                    .put("name", keyword.path("text").asText()).set("appearances", appearances(keyword, false));
        }
        ArrayNode sentiments = summary.putArray("sentiments");
        for (JsonNode sentiment : list(insights, "sentiments")) {
            ArrayNode appearances = appearances(sentiment, false);
            double seen = seen(appearances);
            sentiments.addObject().put("sentimentKey", sentiment.path("sentimentType").asText())
                    .put("seenDurationRatio", ratio(seen, durationSeconds)).set("appearances", appearances);
        }
        summary.putArray("emotions");
        ArrayNode effects = summary.putArray("audioEffects");
        for (JsonNode effect : list(insights, "audioEffects")) {
            ArrayNode appearances = appearances(effect, true);
            double seen = seen(appearances);
            effects.addObject().put("audioEffectKey", effect.path("type").asText())
                    .put("seenDurationRatio", ratio(seen, durationSeconds)).put("seenDuration", tenth(seen))
                    .set("appearances", appearances);
        }
        ArrayNode labels = summary.putArray("labels");
        for (JsonNode label : list(insights, "labels")) {
            labels.addObject().put("id", label.path("id").asInt()).put("name", label.path("name").asText())
                    .set("appearances", appearances(label, true));
        }
        ArrayNode objects = summary.putArray("detectedObjects");
        for (JsonNode object : list(insights, "detectedObjects")) {
            objects.addObject().put("id", object.path("id").asInt()).put("type", object.path("type").asText())
                    .put("displayName", object.path("displayName").asText()).put("thumbnailId", object.path("thumbnailId").asText())
                    .set("appearances", appearances(object, true));
        }
        summary.putArray("framePatterns");
        for (String kind : new String[] {"brands", "namedLocations", "namedPeople"}) {
            ArrayNode entities = summary.putArray(kind);
            for (JsonNode entity : list(insights, kind)) {
                ArrayNode appearances = appearances(entity, false);
                ObjectNode e = entities.addObject().put("referenceId", entity.path("referenceId").asText())
                        .put("referenceUrl", entity.path("referenceUrl").asText()).put("confidence", entity.path("confidence").asDouble());
                e.set("description", entity.path("description"));
                e.put("seenDuration", tenth(seen(appearances))).put("id", entity.path("id").asInt()).put("name", entity.path("name").asText())
                        .set("appearances", appearances);
            }
        }
        ObjectNode statistics = summary.putObject("statistics").put("correspondenceCount", 0);
        for (String bySpeaker : new String[] {"speakerTalkToListenRatio", "speakerLongestMonolog", "speakerNumberOfFragments",
                "speakerWordCount"}) {
            statistics.putObject(bySpeaker); // keyed by speaker id: none known
        }
        ArrayNode topics = summary.putArray("topics");
        for (JsonNode topic : list(insights, "topics")) {
            ObjectNode t = topic.deepCopy();
            t.remove("instances");
            t.set("appearances", appearances(topic, false));
            topics.add(t);
        }
        return summary;
    }

    /** The thumbnail of the first shot's first key frame: the video's thumbnail. */
    static String thumbnailId(JsonNode insights) {
        JsonNode id = insights.at("/shots/0/keyFrames/0/instances/0/thumbnailId");
        return id.isTextual() ? id.asText() : VideoIndex.NO_MODEL;
    }

    private static Iterable<JsonNode> list(JsonNode insights, String kind) {
        JsonNode node = insights.path(kind);
        return node.isArray() ? node : NODES.arrayNode(); // a disabled analyzer's {"status": "disabled"} has none
    }

    private static ArrayNode appearances(JsonNode item, boolean withConfidence) {
        ArrayNode appearances = NODES.arrayNode();
        for (JsonNode instance : item.path("instances")) {
            double start = Timecode.parse(instance.path("start").asText("0:00:00"));
            double end = Timecode.parse(instance.path("end").asText("0:00:00"));
            ObjectNode a = appearances.addObject();
            if (withConfidence) {
                a.put("confidence", instance.path("confidence").asDouble(item.path("confidence").asDouble(1.0)));
            }
            a.put("startTime", Timecode.format(start)).put("endTime", Timecode.format(end))
                    .put("startSeconds", tenth(start)).put("endSeconds", tenth(end));
        }
        return appearances;
    }

    private static double seen(ArrayNode appearances) {
        double seen = 0;
        for (JsonNode a : appearances) {
            seen += a.path("endSeconds").asDouble() - a.path("startSeconds").asDouble();
        }
        return seen;
    }

    private static double ratio(double seen, double duration) {
        return duration <= 0 ? 0 : Math.round(seen / duration * 10_000) / 10_000.0;
    }

    private static double tenth(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
