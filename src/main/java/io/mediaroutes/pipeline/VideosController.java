package io.mediaroutes.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pipeline's videos for people (the pages at {@code /} and {@code /video.html}): every drop, newest first, with
 * its state, its service video id, which sinks have it, and why it failed. Same credential rules as the APIs.
 */
@RestController
public class VideosController {

    private static final String COLUMNS = "id, name, state, video_id, error, delivered_sinks, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public VideosController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/pipeline/videos")
    public List<Map<String, Object>> videos(@RequestParam(defaultValue = "200") int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pipeline_job ORDER BY created_at DESC FETCH FIRST ? ROWS ONLY",
                (rs, n) -> video(rs), Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/pipeline/videos/{id}")
    public ResponseEntity<Map<String, Object>> video(@PathVariable String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pipeline_job WHERE id = ?", (rs, n) -> video(rs), id).stream().findFirst()
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    private static Map<String, Object> video(ResultSet rs) throws SQLException {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("id", rs.getString("id"));
        video.put("name", rs.getString("name"));
        video.put("state", rs.getString("state"));
        video.put("videoId", rs.getString("video_id"));
        video.put("error", rs.getString("error"));
        String sinks = rs.getString("delivered_sinks");
        video.put("sinks", sinks == null || sinks.isBlank() ? List.of() : List.of(sinks.split(",")));
        video.put("created", iso(rs.getTimestamp("created_at")));
        video.put("updated", iso(rs.getTimestamp("updated_at")));
        return video;
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
