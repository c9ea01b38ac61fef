package io.mediaroutes.service.indexer;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The Video Indexer fields of a video (table indexer_video); the video itself is in service_video. */
@Repository
public class IndexerVideos {

    /** What an upload said about its video. */
    public record Fields(String description, String externalId, String callbackUrl, String metadata, String partition,
            String privacy, String language) {}

    private final JdbcTemplate jdbc;

    public IndexerVideos(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String videoId, Fields f) {
        jdbc.update("INSERT INTO indexer_video (video_id, description, external_id, callback_url, metadata, partition_name, privacy, language) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", videoId, f.description(), f.externalId(), f.callbackUrl(), f.metadata(),
                f.partition(), f.privacy(), f.language());
    }

    public Optional<Fields> find(String videoId) {
        return jdbc.query("SELECT * FROM indexer_video WHERE video_id = ?", (rs, n) -> new Fields(rs.getString("description"),
                rs.getString("external_id"), rs.getString("callback_url"), rs.getString("metadata"), rs.getString("partition_name"),
                rs.getString("privacy"), rs.getString("language")), videoId).stream().findFirst();
    }

    public List<String> ids() {
        return jdbc.queryForList("SELECT i.video_id FROM indexer_video i JOIN service_video v ON v.id = i.video_id ORDER BY v.created_at DESC",
                String.class);
    }

    public void delete(String videoId) {
        jdbc.update("DELETE FROM indexer_video WHERE video_id = ?", videoId);
    }

}
