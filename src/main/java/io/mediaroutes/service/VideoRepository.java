package io.mediaroutes.service;

import io.mediaroutes.cluster.Leases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service's videos table, also its processing queue: a worker claims a video through its lease
 * ({@link Leases}), so instances sharing the database never process one video twice, and a video whose worker
 * died (its lease ran out) or stopped (it handed the lease back) is processed again.
 */
// a @Component: JdbcTemplate translates SQL errors itself, and @Repository would add a proxy only to translate them again
@Component
public class VideoRepository {

    private static final String TABLE = "service_video";

    private final JdbcTemplate jdbc;
    private final Leases leases;

    public VideoRepository(JdbcTemplate jdbc, Leases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    public void insert(Video v) {
        insert(v, null);
    }

    /** With the client's request id, a Create Video asked again (after a client crash) finds this video. */
    public void insert(Video v, String clientRequestId) {
        jdbc.update("""
                INSERT INTO service_video (id, original_name, file_name, content_protection, content_key_id, content_key,
                  input_encryption, input_key, input_iv, duration, state, progress, message, created_at, updated_at, client_request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                v.id(), v.originalName(), v.fileName(), v.contentProtection(), v.contentKeyId(), v.contentKey(),
                v.inputEncryption(), v.inputKey(), v.inputIv(), v.duration(), v.state().name(), v.progress(),
                v.message(), Timestamp.from(v.createdAt()), Timestamp.from(v.updatedAt()), clientRequestId);
    }

    public Optional<Video> findByClientRequestId(String clientRequestId) {
        return jdbc.query("SELECT * FROM service_video WHERE client_request_id = ?", VideoRepository::map, clientRequestId)
                .stream().findFirst();
    }

    public Optional<Video> find(String id) {
        return jdbc.query("SELECT * FROM service_video WHERE id = ?", VideoRepository::map, id).stream().findFirst();
    }

    /**
     * A video of the Connector API: Video Indexer's videos (table indexer_video) are not, so the Connector API can
     * neither read nor delete them; their own access tokens guard them.
     */
    public Optional<Video> findConnectorVideo(String id) {
        return jdbc.query("SELECT * FROM service_video v WHERE v.id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM indexer_video i WHERE i.video_id = v.id)", VideoRepository::map, id).stream().findFirst();
    }

    /** The Connector API's processed videos, newest first. */
    public List<Video> completedConnectorVideos() {
        return jdbc.query("SELECT * FROM service_video v WHERE v.state = 'COMPLETED' AND NOT EXISTS "
                + "(SELECT 1 FROM indexer_video i WHERE i.video_id = v.id) ORDER BY v.created_at DESC", VideoRepository::map);
    }

    /** Processed videos, each with when it last changed (ms): the Connector API's ({@code indexer} false) or Video Indexer's. */
    public Map<String, Long> processedVersions(boolean indexer) {
        Map<String, Long> versions = new HashMap<>();
        jdbc.query("SELECT v.id, v.updated_at FROM service_video v WHERE v.state = 'COMPLETED' AND " + (indexer ? "" : "NOT ")
                + "EXISTS (SELECT 1 FROM indexer_video i WHERE i.video_id = v.id)",
                rs -> {
                    versions.put(rs.getString("id"), rs.getTimestamp("updated_at").getTime());
                });
        return versions;
    }

    public boolean isConnectorVideo(String id) {
        return findConnectorVideo(id).isPresent();
    }

    public Optional<Video> findByContentKeyId(String keyId) {
        return jdbc.query("SELECT * FROM service_video WHERE content_key_id = ?", VideoRepository::map, keyId).stream().findFirst();
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM service_video WHERE id = ?", id) == 1;
    }

    /** Moves a video from one state to another only if it is still in the first; true if this call did it. */
    public boolean transition(String id, Video.State from, Video.State to) {
        return jdbc.update("UPDATE service_video SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                to.name(), now(), id, from.name()) == 1;
    }

    /**
     * Claims up to {@code limit} videos to process: queued ones, and ones whose processing was interrupted
     * (nobody holds them any more). They are PROCESSING from now on; the caller must process each.
     */
    public List<Video> claimToProcess(int limit) {
        List<Video> claimed = new ArrayList<>();
        for (String id : leases.claim(TABLE, "state IN ('QUEUED', 'PROCESSING')", limit)) {
            find(id).ifPresent(video -> { // absent: deleted meanwhile
                jdbc.update("UPDATE service_video SET state = 'PROCESSING', progress = 0, updated_at = ? WHERE id = ?", now(), id);
                claimed.add(video);
            });
        }
        return claimed;
    }

    public void progress(String id, int percent) {
        jdbc.update("UPDATE service_video SET progress = ?, updated_at = ? WHERE id = ?", percent, now(), id);
    }

    public void completed(String id, int duration) {
        jdbc.update("UPDATE service_video SET state = 'COMPLETED', duration = ?, progress = 100, message = NULL, updated_at = ? WHERE id = ?",
                duration, now(), id);
        leases.release(TABLE, id);
    }

    public void failed(String id, String message) {
        jdbc.update("UPDATE service_video SET state = 'FAILED', message = ?, updated_at = ? WHERE id = ?",
                truncate(message, 2000), now(), id);
        leases.release(TABLE, id);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Video map(ResultSet rs, int row) throws SQLException {
        return new Video(rs.getString("id"), rs.getString("original_name"), rs.getString("file_name"),
                rs.getString("content_protection"), rs.getString("content_key_id"), rs.getString("content_key"),
                rs.getString("input_encryption"), rs.getString("input_key"), rs.getString("input_iv"),
                rs.getInt("duration"), Video.State.valueOf(rs.getString("state")), rs.getInt("progress"),
                rs.getString("message"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
