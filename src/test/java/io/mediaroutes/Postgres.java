package io.mediaroutes;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema of its own on the machine's PostgreSQL (127.0.0.1:5432, db test, trust), for tests that need the
 * real database. Under CI=true an unreachable PostgreSQL fails the test; elsewhere it is skipped, saying why.
 */
public final class Postgres {

    public final String schema = "mr_" + UUID.randomUUID().toString().substring(0, 8);
    public final String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
    public final JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));

    public Postgres() {
        try {
            db.execute("SELECT 1");
        } catch (RuntimeException e) {
            MissingTool.skipOrFail("PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + ")");
        }
    }

    /** The app's properties for this schema (Flyway creates it and the tables). */
    public Map<String, String> properties() {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres",
                "spring.datasource.password", "", "spring.flyway.schemas", schema);
    }

    public void drop() {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
