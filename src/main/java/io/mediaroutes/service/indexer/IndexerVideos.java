package io.mediaroutes.service.indexer;

import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The Video Indexer fields of a video (table indexer_video); the video itself is in service_video. */
// a @Component: JdbcTemplate translates SQL errors itself, and @Repository would add a proxy only to translate them again
@Component
public class IndexerVideos {

    /** What an upload said about its video. */
    public record Fields(String description, String externalId, String callbackUrl, String metadata, String partition,
            String privacy, String language, String indexingPreset, String streamingPreset) {}

    private final JdbcTemplate jdbc;
    private final VideoRepository videos;

    public IndexerVideos(JdbcTemplate jdbc, VideoRepository videos) {
        this.jdbc = jdbc;
        this.videos = videos;
    }

    /** A video of this API (not one of the Connector API's); empty if there is none of that id. */
    public Optional<Video> video(String videoId) {
        return videos.find(videoId).filter(v -> find(videoId).isPresent());
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Video Indexer's id shape: 10 lowercase hex characters, e.g. 634d74e630 (the Connector API keeps GUIDs). */
    static String newId() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public void insert(String videoId, Fields f) {
        jdbc.update("INSERT INTO indexer_video (video_id, description, external_id, callback_url, metadata, partition_name, privacy, "
                + "language, indexing_preset, streaming_preset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", videoId, f.description(),
                f.externalId(), f.callbackUrl(), f.metadata(), f.partition(), f.privacy(), f.language(), f.indexingPreset(),
                f.streamingPreset());
    }

    public Optional<Fields> find(String videoId) {
        return jdbc.query("SELECT * FROM indexer_video WHERE video_id = ?", (rs, n) -> new Fields(rs.getString("description"),
                rs.getString("external_id"), rs.getString("callback_url"), rs.getString("metadata"), rs.getString("partition_name"),
                rs.getString("privacy"), rs.getString("language"), rs.getString("indexing_preset"), rs.getString("streaming_preset")),
                videoId).stream().findFirst();
    }

    /** The newest first. */
    public List<String> ids() {
        return jdbc.queryForList("SELECT i.video_id FROM indexer_video i JOIN service_video v ON v.id = i.video_id ORDER BY v.created_at DESC",
                String.class);
    }

    public Optional<String> idByExternalId(String externalId) {
        return jdbc.queryForList("SELECT i.video_id FROM indexer_video i JOIN service_video v ON v.id = i.video_id "
                + "WHERE i.external_id = ? ORDER BY v.created_at DESC", String.class, externalId).stream().findFirst();
    }

    public void delete(String videoId) {
        jdbc.update("DELETE FROM indexer_video WHERE video_id = ?", videoId);
    }

}
