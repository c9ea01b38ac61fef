package io.mediaroutes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.PromptContent;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.insights.language.Embeddings;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rag-sink's table, video_sections: a video's Prompt Content sections (built from its index as the service's
 * Prompt Content API builds them, so an index from the real Video Indexer works as well), each with its sentence
 * embedding. A redelivery replaces the video's rows in one transaction.
 */
@Component("sectionsTable")
public class SectionsTable {

    public static final String MODEL = "all-MiniLM-L6-v2-q";
    private static final String INSERT = """
            INSERT INTO video_sections (video_id, section_id, name, start_seconds, end_seconds, content, embedding, model, delivered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper mapper;

    public SectionsTable(DataSource dataSource, ObjectMapper mapper) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.mapper = mapper;
    }

    /** @param json a Video Indexer index; {@code sectionTokens}: the most tokens of one section's text */
    public int store(String json, int sectionTokens) throws IOException {
        JsonNode index = mapper.readTree(json);
        String videoId = index.path("id").asText();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode section : PromptContent.sections(index, sectionTokens, PromptContent.Style.FULL)) {
            String content = section.path("content").asText();
            rows.add(new Object[] {videoId, section.path("id").asInt(), index.path("name").asText(),
                    Timecode.parse(section.path("start").asText()), Timecode.parse(section.path("end").asText()), content,
                    boxed(embedding(content)), MODEL, now});
        }
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM video_sections WHERE video_id = ?", videoId);
            jdbc.batchUpdate(INSERT, rows);
        });
        return rows.size();
    }

    private static float[] embedding(String text) {
        try {
            return Embeddings.of(text);
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("The rag-sink needs the embedding model, which the pipeline-only jar leaves out: run the full jar", missing);
        }
    }

    /** As doubles: PostgreSQL's REAL products of small numbers underflow into an error, its doubles' do not. */
    private static Double[] boxed(float[] vector) {
        Double[] boxed = new Double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = (double) vector[i];
        }
        return boxed;
    }
}
