package io.mediaroutes.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * The JDBC sink's table, video_insights: one row per video (id, name, duration, state, the JSON), written as an
 * upsert so a redelivery updates the row instead of adding one. JSONB on PostgreSQL, JSON on H2.
 */
@Component("insightsTable")
public class InsightsTable {

    private final JdbcTemplate jdbc;
    private final String upsert;

    public InsightsTable(DataSource dataSource) throws Exception {
        this.jdbc = new JdbcTemplate(dataSource);
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, m -> m.getDatabaseProductName());
        this.upsert = product.toLowerCase().contains("postgres")
                ? """
                  INSERT INTO video_insights (video_id, name, duration_seconds, state, insights, delivered_at)
                  VALUES (?, ?, ?, ?, CAST(? AS JSONB), ?)
                  ON CONFLICT (video_id) DO UPDATE SET name = EXCLUDED.name, duration_seconds = EXCLUDED.duration_seconds,
                    state = EXCLUDED.state, insights = EXCLUDED.insights, delivered_at = EXCLUDED.delivered_at"""
                : """
                  MERGE INTO video_insights (video_id, name, duration_seconds, state, insights, delivered_at)
                  KEY (video_id) VALUES (?, ?, ?, ?, ? FORMAT JSON, ?)""";
    }

    /** @param insights the index map; @param json the same index as JSON text */
    public void upsert(Map<String, Object> insights, String json) {
        jdbc.update(upsert, insights.get("id"), insights.get("name"),
                ((Number) insights.getOrDefault("durationInSeconds", 0)).intValue(), insights.get("state"), json,
                Timestamp.from(Instant.now()));
    }
}
