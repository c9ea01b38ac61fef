package io.mediaroutes.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service's meters at {@code /actuator/prometheus}. The queue depth is read from the database at each scrape, so
 * every instance of a cluster reports the same number.
 */
@Component
public class ServiceMetrics {

    private final MeterRegistry registry;

    public ServiceMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        Gauge.builder("mediaroutes.service.queue", () -> queued(jdbc))
                .description("Videos waiting for or in processing at the service").register(registry);
    }

    /** Seconds of processing per second of video: 0.2 means a minute of video took 12 s. */
    public void processed(Duration took, double videoSeconds) {
        if (videoSeconds > 0) {
            DistributionSummary.builder("mediaroutes.processing.ratio")
                    .description("Processing time per second of video").register(registry)
                    .record(took.toMillis() / 1000.0 / videoSeconds);
        }
    }

    private static double queued(JdbcTemplate jdbc) {
        try {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM service_video WHERE state IN ('QUEUED', 'PROCESSING')", Integer.class);
            return n == null ? 0 : n;
        } catch (RuntimeException databaseDown) {
            return Double.NaN; // no number rather than a wrong one; health says why
        }
    }
}
