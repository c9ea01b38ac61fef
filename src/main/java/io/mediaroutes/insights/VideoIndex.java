package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.media.MediaProbe;
import io.mediaroutes.service.Video;

/**
 * The index JSON in Video Indexer's shape: {@code id, name, state, durationInSeconds, videos[0].insights}.
 * States are Video Indexer's: Uploaded, Processing, Processed, Failed. Insight lists start empty; the
 * analyzers fill them.
 */
public final class VideoIndex {

    /** The blob, in the video's container, that holds the finished index. */
    public static final String BLOB = "insights/index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VideoIndex() {}

    /** The index of a video that is not processed yet, or failed: state and progress, no insights. */
    public static ObjectNode pending(Video v) {
        String state = switch (v.state()) {
            case CREATED -> "Uploaded";
            case QUEUED, PROCESSING -> "Processing";
            case COMPLETED -> "Processed";
            case FAILED -> "Failed";
        };
        ObjectNode index = skeleton(v, state, v.progress(), v.duration());
        if (v.state() == Video.State.FAILED) {
            ObjectNode video = (ObjectNode) index.withArray("videos").get(0);
            video.put("failureCode", "ProcessingFailed");
            video.put("failureMessage", v.message());
        }
        return index;
    }

    /** The index of a processed video, with the analyzers' insights. */
    public static ObjectNode processed(Video v, MediaProbe.Info info, ObjectNode analyzed) {
        ObjectNode index = skeleton(v, "Processed", 100, info.wholeSeconds());
        ObjectNode video = (ObjectNode) index.withArray("videos").get(0);
        video.put("width", info.width());
        video.put("height", info.height());
        ObjectNode insights = video.putObject("insights");
        insights.put("version", "1.0.0.0");
        insights.put("duration", Timecode.format(info.durationSeconds()));
        insights.put("sourceLanguage", "en-US");
        insights.put("language", "en-US");
        insights.setAll(analyzed);
        insights.putArray("labels");
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
        return index;
    }

    private static ObjectNode skeleton(Video v, String state, int progress, int durationSeconds) {
        ObjectNode index = JSON.createObjectNode();
        index.putNull("partition");
        index.putNull("description");
        index.put("privacyMode", "Private");
        index.put("state", state);
        index.put("id", v.id());
        index.put("name", v.originalName());
        index.put("created", v.createdAt().toString());
        index.put("durationInSeconds", durationSeconds);
        index.put("processingProgress", progress + "%");
        ArrayNode videos = index.putArray("videos");
        ObjectNode video = videos.addObject();
        video.put("id", v.id());
        video.put("name", v.originalName());
        video.put("state", state);
        video.put("processingProgress", progress + "%");
        video.put("failureCode", "None");
        video.put("failureMessage", "");
        video.putObject("insights");
        ObjectNode range = index.putArray("videosRanges").addObject();
        range.put("videoId", v.id());
        range.putObject("range").put("start", "0:00:00").put("end", Timecode.format(durationSeconds));
        return index;
    }
}
