package io.mediaroutes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.VideoIndex;
import io.mediaroutes.service.search.SearchIndex;
import io.mediaroutes.service.search.SearchSource;
import io.mediaroutes.storage.BlobStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The Connector API's processed videos, as its Search sees them: their stored indexes. */
@Component
public class ConnectorSearch implements SearchSource {

    static final String SCOPE = "connector";
    private final VideoRepository videos;
    private final BlobStore blobs;
    private final ObjectMapper json;

    ConnectorSearch(VideoRepository videos, BlobStore blobs, ObjectMapper json) {
        this.videos = videos;
        this.blobs = blobs;
        this.json = json;
    }

    @Override
    public String scope() {
        return SCOPE;
    }

    @Override
    public Map<String, Long> processed() {
        return videos.processedVersions(false);
    }

    @Override
    public Optional<SearchIndex.Video> video(String id) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> index = storedIndex(video.get());
        return index.map(i -> new SearchIndex.Video(id, video.get().originalName(), video.get().updatedAt().toEpochMilli(), i, Map.of()));
    }

    /** The index processing stored for a completed video; none before (or if it was never stored). */
    Optional<JsonNode> storedIndex(Video video) throws IOException {
        if (video.state() != Video.State.COMPLETED || blobs.properties(video.container(), VideoIndex.BLOB).isEmpty()) {
            return Optional.empty();
        }
        try (var in = blobs.openRead(video.container(), VideoIndex.BLOB)) {
            return Optional.of(json.readTree(in));
        }
    }
}
