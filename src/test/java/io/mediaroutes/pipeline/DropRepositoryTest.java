package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two instances' drop repositories on one database: a drop is taken once, and a taken one is not asked again. */
class DropRepositoryTest {

    private final DriverManagerDataSource db =
            new DriverManagerDataSource("jdbc:h2:mem:drops-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final DropRepository one = new DropRepository(db);
    private final MovableClock otherClock = new MovableClock();
    private final DropRepository other = new DropRepository(db, otherClock);

    @BeforeEach
    void schema() {
        // the app's own migrations (as in config/application.yaml), so the table is the one the app gets
        Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        one.start();
        other.start();
    }

    @Test
    void aDropTakenByOneInstanceIsTakenForTheOther() {
        assertThat(other.contains("clip.mp4|10|1")).isFalse();
        assertThat(one.add("clip.mp4|10|1")).isTrue();
        assertThat(other.contains("clip.mp4|10|1")).as("asked after the other took it").isTrue();
        assertThat(other.add("clip.mp4|10|1")).isFalse();
    }

    @Test
    void aTakenDropIsAnsweredWithoutTheDatabase() {
        one.add("clip.mp4|10|1");
        other.contains("clip.mp4|10|1");
        new JdbcTemplate(db).execute("DROP TABLE CAMEL_MESSAGEPROCESSED"); // any query would fail now

        assertThat(one.contains("clip.mp4|10|1")).isTrue();
        assertThat(other.contains("clip.mp4|10|1")).isTrue();
    }

    @Test
    void aRemovedDropIsNoLongerTaken() {
        one.add("clip.mp4|10|1");
        one.remove("clip.mp4|10|1");
        assertThat(one.contains("clip.mp4|10|1")).isFalse();
    }

    @Test
    void aDropGivenBackIsFreeForTheOtherInstanceWithinAMinute() {
        one.add("clip.mp4|10|1");
        assertThat(other.contains("clip.mp4|10|1")).isTrue();
        one.remove("clip.mp4|10|1"); // an exchange failed in eager mode: Camel gives the drop back

        otherClock.advance(DropRepository.REMEMBER_FOR.minusSeconds(1));
        assertThat(other.contains("clip.mp4|10|1")).as("still remembered as taken").isTrue();
        otherClock.advance(Duration.ofSeconds(1));
        assertThat(other.contains("clip.mp4|10|1")).as("asked the database again").isFalse();
        assertThat(other.add("clip.mp4|10|1")).isTrue();
    }

    /** A clock the test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
