package io.mediaroutes.service.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.VideoIndex;
import io.mediaroutes.security.PublicUrl;
import io.mediaroutes.service.Video;
import io.mediaroutes.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the Video Indexer API shows of a video: its index (the stored one, or the pending one) with this account's
 * fields, and the summary that upload, List Videos and Search answer with.
 */
@Component
class IndexerViews {

    private final IndexerAccount account;
    private final AccessTokens tokens;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;

    IndexerViews(IndexerAccount account, AccessTokens tokens, BlobStore blobs, ObjectMapper json, PublicUrl publicUrl) {
        this.account = account;
        this.tokens = tokens;
        this.blobs = blobs;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    /** The index as Get Video Index answers it; {@code canEdit}: whether the caller's token may change the video. */
    ObjectNode index(Video video, IndexerVideos.Fields fields, boolean canEdit) throws IOException {
        ObjectNode index;
        if (video.state() == Video.State.COMPLETED && blobs.properties(video.container(), VideoIndex.BLOB).isPresent()) {
            try (InputStream in = blobs.openRead(video.container(), VideoIndex.BLOB)) {
                index = (ObjectNode) json.readTree(in);
            }
        } else {
            index = video.pendingIndex();
        }
        index.put("accountId", account.accountId());
        index.put("isEditable", canEdit);
        index.put("description", fields.description());
        index.put("partition", fields.partition());
        index.put("privacyMode", fields.privacy());
        index.with("summarizedInsights").put("privacyMode", fields.privacy());
        ObjectNode first = (ObjectNode) index.withArray("videos").get(0);
        first.put("accountId", account.accountId());
        first.put("privacyMode", fields.privacy());
        first.put("externalId", fields.externalId());
        first.put("metadata", fields.metadata());
        language(first, fields.language());
        first.put("indexingPreset", fields.indexingPreset());
        first.put("streamingPreset", fields.streamingPreset());
        if (video.state() == Video.State.COMPLETED) {
            first.put("publishedUrl", publicUrl.base() + "/media/" + video.id() + "/hls/master.m3u8");
            first.put("viewToken", "Bearer=" + tokens.issue(account.accountId(), video.id(), false));
        }
        return index;
    }

    /**
     * The upload's language wins where it was given: it is the video's, with confidence 1, and a transcript of another
     * language than English says it was not made (the transcriber has an English model only). With {@code auto}, the
     * language the analysis detected stands.
     */
    private void language(ObjectNode video, String uploaded) {
        boolean detect = "auto".equalsIgnoreCase(uploaded);
        String language = spoken(video, uploaded);
        video.put("detectSourceLanguage", detect).put("languageAutoDetectMode", detect ? "Single" : "None");
        video.put("sourceLanguage", language).put("language", language);
        video.putArray("sourceLanguages").add(language);
        video.putArray("languages").add(language);
        if (!detect && video.path("insights").has("sourceLanguage")) {
            ObjectNode insights = (ObjectNode) video.get("insights");
            insights.put("sourceLanguage", language).put("language", language).put("sourceLanguageConfidence", 1.0);
            insights.putArray("sourceLanguages").add(language);
            insights.putArray("languages").add(language);
            if (!language.toLowerCase(Locale.ROOT).startsWith("en") && insights.path("transcript").isArray()) {
                insights.putObject("transcript").put("status", "unsupported language")
                        .put("reason", "no transcriber model for " + language + "; this service transcribes English (en-US)");
            }
        }
    }

    /** The video's language: the upload's, or with {@code auto} the detected one (English until it is known). */
    private static String spoken(JsonNode video, String uploaded) {
        return "auto".equalsIgnoreCase(uploaded) ? video.at("/insights/sourceLanguage").asText("en-US") : uploaded;
    }

    /** A video as upload, List Videos and Search list it (the docs' sample shape, plus what Search found). */
    ObjectNode summary(Video video, IndexerVideos.Fields fields, JsonNode index, ArrayNode searchMatches) {
        ObjectNode summary = json.createObjectNode();
        summary.put("accountId", account.accountId());
        summary.put("id", video.id());
        summary.put("partition", fields.partition());
        summary.put("externalId", fields.externalId());
        summary.put("metadata", fields.metadata());
        summary.put("name", video.originalName());
        summary.put("description", fields.description());
        summary.put("created", video.createdAt().toString());
        summary.put("lastModified", video.updatedAt().toString());
        summary.put("lastIndexed", video.updatedAt().toString());
        summary.put("privacyMode", fields.privacy());
        summary.put("userName", "");
        summary.put("isOwned", true);
        summary.put("isBase", true);
        summary.put("hasSourceVideoFile", true);
        summary.put("state", index.path("state").asText());
        summary.put("moderationState", "OK");
        summary.put("reviewState", "None");
        summary.put("processingProgress", index.path("processingProgress").asText());
        summary.put("durationInSeconds", video.duration());
        summary.put("thumbnailVideoId", video.id());
        summary.put("thumbnailId", index.at("/videos/0/thumbnailId").asText(""));
        summary.putObject("social").put("likedByUser", false).put("likes", 0).put("views", 0);
        summary.set("searchMatches", searchMatches != null ? searchMatches : json.createArrayNode());
        summary.put("indexingPreset", fields.indexingPreset());
        summary.put("streamingPreset", fields.streamingPreset());
        String language = spoken(index.at("/videos/0"), fields.language());
        summary.put("sourceLanguage", language);
        summary.putArray("sourceLanguages").add(language);
        summary.put("personModelId", "00000000-0000-0000-0000-000000000000");
        return summary;
    }
}
