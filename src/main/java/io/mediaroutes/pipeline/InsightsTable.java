package io.mediaroutes.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
    private final ObjectMapper mapper;
    private final String upsert;

    public InsightsTable(DataSource dataSource, ObjectMapper mapper) throws Exception {
        this.mapper = mapper;
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

    /** @param json a Video Indexer index: its id, name, durationInSeconds and state fill the row's columns */
    public void upsert(String json) throws IOException {
        JsonNode index = mapper.readTree(json);
        jdbc.update(upsert, index.path("id").asText(), index.path("name").asText(), index.path("durationInSeconds").asInt(),
                index.path("state").asText(), json, Timestamp.from(Instant.now()));
    }
}
