package io.mediaroutes.service.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import io.mediaroutes.service.search.SearchIndex;
import io.mediaroutes.service.search.SearchSource;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Video Indexer API's processed videos, as its Search sees them: each index as the API shows it (the upload's
 * language applied), filterable by partition, external id, source language and id.
 */
@Component
class IndexerSearch implements SearchSource {

    static final String SCOPE = "indexer";
    private final VideoRepository videos;
    private final IndexerVideos indexerVideos;
    private final IndexerViews views;

    IndexerSearch(VideoRepository videos, IndexerVideos indexerVideos, IndexerViews views) {
        this.videos = videos;
        this.indexerVideos = indexerVideos;
        this.views = views;
    }

    @Override
    public String scope() {
        return SCOPE;
    }

    @Override
    public Map<String, Long> processed() {
        return videos.processedVersions(true);
    }

    @Override
    public Optional<SearchIndex.Video> video(String id) throws IOException {
        Optional<Video> video = videos.find(id).filter(v -> v.state() == Video.State.COMPLETED);
        Optional<IndexerVideos.Fields> fields = indexerVideos.find(id);
        if (video.isEmpty() || fields.isEmpty()) {
            return Optional.empty();
        }
        JsonNode index = views.index(video.get(), fields.get(), false);
        Map<String, String> filters = new HashMap<>();
        filters.put("id", id);
        filters.put("partition", fields.get().partition());
        filters.put("externalId", fields.get().externalId());
        filters.put("sourceLanguage", index.at("/videos/0/sourceLanguage").asText(null));
        return Optional.of(new SearchIndex.Video(id, video.get().originalName(), video.get().updatedAt().toEpochMilli(), index, filters));
    }
}
