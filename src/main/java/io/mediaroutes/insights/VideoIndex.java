package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.media.MediaProbe;
import java.time.Instant;

/**
 * The index JSON in Video Indexer's shape, with every field a real Get Video Index answer has (checked against a
 * recorded one: src/test/resources/conformance): root, {@code videos[0]} and its {@code insights}, and
 * {@code summarizedInsights}. States are Video Indexer's: Uploaded, Processing, Processed, Failed. Insight kinds this
 * service does not detect (faces, brands, named entities...) are empty lists, never missing. Account-specific
 * fields (accountId, privacyMode, externalId...) are filled in by the API that serves the index.
 */
public final class VideoIndex {

    /** What the index says about the video itself. */
    public record Subject(String id, String name, Instant created) {}

    /** The blob, in the video's container, that holds the finished index. */
    public static final String BLOB = "insights/index.json";
    static final String NO_MODEL = "00000000-0000-0000-0000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VideoIndex() {}

    /** The index of a video that is not processed yet, or failed (then with its reason): no insights. */
    public static ObjectNode pending(Subject v, String state, int progress, int durationSeconds, String failureMessage) {
        ObjectNode index = skeleton(v, state, progress, durationSeconds, null);
        if (failureMessage != null) {
            ObjectNode video = (ObjectNode) index.withArray("videos").get(0);
            video.put("failureCode", "ProcessingFailed");
            video.put("failureMessage", failureMessage);
        }
        return index;
    }

    /** The index of a processed video, with the analyzers' insights. */
    public static ObjectNode processed(Subject v, MediaProbe.Info info, ObjectNode analyzed) {
        ObjectNode insights = JSON.createObjectNode();
        insights.put("version", "1.0.0.0");
        insights.put("duration", Timecode.format(info.durationSeconds()));
        insights.put("sourceLanguage", "en-US");
        insights.putArray("sourceLanguages").add("en-US");
        insights.put("language", "en-US");
        insights.putArray("languages").add("en-US");
        insights.put("sourceLanguageConfidence", 1.0); // the upload's language, taken as given
        for (String kind : new String[] {"faces", "labels", "detectedObjects", "brands", "namedLocations", "namedPeople", "observedPeople",
                "speakers", "sentiments", "emotions", "framePatterns"}) {
            insights.putArray(kind);
        }
        insights.setAll(analyzed);
        ObjectNode moderation = insights.putObject("textualContentModeration");
        moderation.put("id", 0).put("bannedWordsCount", 0).put("bannedWordsRatio", 0.0).putArray("instances");
        ObjectNode statistics = insights.has("statistics") ? (ObjectNode) insights.get("statistics") : insights.putObject("statistics");
        statistics.put("correspondenceCount", 0);
        statistics.putObject("speakerTalkToListenRatio");
        statistics.putObject("speakerLongestMonolog");
        statistics.putObject("speakerNumberOfFragments");
        statistics.putObject("speakerWordCount");
        ObjectNode media = insights.putObject("media");
        media.put("videoCodec", info.videoCodec());
        media.put("audioCodec", info.audioCodec());
        media.put("durationSeconds", info.durationSeconds());

        ObjectNode index = skeleton(v, "Processed", 100, info.wholeSeconds(), insights);
        ObjectNode video = (ObjectNode) index.withArray("videos").get(0);
        video.put("width", info.width());
        video.put("height", info.height());
        video.put("thumbnailId", SummarizedInsights.thumbnailId(insights));
        index.set("summarizedInsights", SummarizedInsights.of(v, info.durationSeconds(), insights));
        return index;
    }

    private static ObjectNode skeleton(Subject v, String state, int progress, int durationSeconds, ObjectNode insights) {
        ObjectNode index = JSON.createObjectNode();
        index.putNull("partition");
        index.putNull("description");
        index.put("privacyMode", "Private");
        index.put("state", state);
        index.put("accountId", "");
        index.put("id", v.id());
        index.put("name", v.name());
        index.put("userName", "");
        index.put("created", v.created().toString());
        index.put("isOwned", true);
        index.put("isEditable", true);
        index.put("isBase", true);
        index.put("durationInSeconds", durationSeconds);
        index.put("processingProgress", progress + "%");
        index.set("summarizedInsights", SummarizedInsights.of(v, durationSeconds, JSON.createObjectNode()));
        ArrayNode videos = index.putArray("videos");
        ObjectNode video = videos.addObject();
        video.put("accountId", "");
        video.put("id", v.id());
        video.put("name", v.name());
        video.put("state", state);
        video.put("moderationState", "OK");
        video.put("reviewState", "None");
        video.put("privacyMode", "Private");
        video.put("processingProgress", progress + "%");
        video.put("failureCode", "None");
        video.put("failureMessage", "");
        video.putNull("externalId");
        video.putNull("externalUrl");
        video.putNull("metadata");
        video.set("insights", insights != null ? insights : JSON.createObjectNode());
        video.put("thumbnailId", NO_MODEL);
        video.put("detectSourceLanguage", false);
        video.put("languageAutoDetectMode", "None");
        video.put("sourceLanguage", "en-US");
        video.putArray("sourceLanguages").add("en-US");
        video.put("language", "en-US");
        video.putArray("languages").add("en-US");
        video.put("indexingPreset", "Default");
        video.put("streamingPreset", "Default");
        video.put("linguisticModelId", NO_MODEL);
        video.put("personModelId", NO_MODEL);
        video.put("isAdult", false);
        video.putNull("publishedUrl");
        video.putNull("publishedProxyUrl");
        video.putNull("viewToken");
        ObjectNode range = index.putArray("videosRanges").addObject();
        range.put("videoId", v.id());
        range.putObject("range").put("start", "0:00:00").put("end", Timecode.format(durationSeconds));
        return index;
    }
}
