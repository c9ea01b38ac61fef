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
        first.put("sourceLanguage", fields.language());
        first.put("language", fields.language());
        first.put("indexingPreset", fields.indexingPreset());
        first.put("streamingPreset", fields.streamingPreset());
        if (video.state() == Video.State.COMPLETED) {
            first.put("publishedUrl", publicUrl.base() + "/media/" + video.id() + "/hls/master.m3u8");
            first.put("viewToken", "Bearer=" + tokens.issue(account.accountId(), video.id(), false));
        }
        return index;
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
        summary.put("sourceLanguage", fields.language());
        summary.putArray("sourceLanguages").add(fields.language());
        summary.put("personModelId", "00000000-0000-0000-0000-000000000000");
        return summary;
    }
}
