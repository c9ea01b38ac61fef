package io.mediaroutes.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pipeline's meters (Camel's route meters come from camel-micrometer), served at {@code /actuator/prometheus}.
 * Counts of drops by state are read from the database at each scrape, so every instance of a cluster reports the
 * same truth.
 */
@Component
public class PipelineMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    /** Drops by state, from one GROUP BY that the six gauges of a scrape share (null: the database did not answer). */
    private Map<String, Integer> jobsByState;
    private long jobsCountedAt;

    public PipelineMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        for (JobState state : JobState.values()) {
            Gauge.builder("mediaroutes.videos", () -> jobs(state.name()))
                    .description("Drops by pipeline state").tag("state", state.name()).register(registry);
        }
    }

    /** A drop's whole way, from taken to delivered to every sink. */
    public void delivered(Duration sinceTaken) {
        Timer.builder("mediaroutes.drop.to.delivery").description("From a drop taken to its insights delivered")
                .register(registry).record(sinceTaken);
    }

    public void uploaded(long bytes, Duration took) {
        Counter.builder("mediaroutes.upload.bytes").baseUnit("bytes").description("Bytes uploaded to UploadUris")
                .register(registry).increment(bytes);
        Timer.builder("mediaroutes.upload").description("Uploads to UploadUris").register(registry).record(took);
    }

    /** A drop with an earlier drop's bytes, which takes that drop's video instead of being processed again. */
    public void duplicate() {
        Counter.builder("mediaroutes.duplicates").description("Drops whose bytes an earlier drop had, not processed again")
                .register(registry).increment();
    }

    /** A transient failure about to be retried; {@code cause} is the HTTP status or the exception's name. */
    public void retry(String cause) {
        Counter.builder("mediaroutes.retries").description("Retries of transient failures, by cause").tag("cause", cause)
                .register(registry).increment();
    }

    public void sinkDelivered(String sink) {
        sinkOutcome(sink, "delivered");
    }

    /** Called by the sink-errors route when a sink's retries are spent. */
    public void sinkFailed(String sink) {
        sinkOutcome(sink, "failed");
    }

    /** {@code sink}: the sink's name, or its endpoint ({@code direct:<name>}). */
    private void sinkOutcome(String sink, String outcome) {
        Counter.builder("mediaroutes.sink.deliveries").description("Deliveries to each sink, by outcome")
                .tag("sink", sink).tag("outcome", outcome).register(registry).increment();
    }

    private synchronized double jobs(String state) {
        if (System.nanoTime() - jobsCountedAt > 1_000_000_000L) {
            try {
                Map<String, Integer> counts = new HashMap<>();
                jdbc.query("SELECT state, COUNT(*) FROM pipeline_job GROUP BY state", row -> {
                    counts.put(row.getString(1), row.getInt(2));
                });
                jobsByState = counts;
            } catch (RuntimeException databaseDown) {
                jobsByState = null;
            }
            jobsCountedAt = System.nanoTime();
        }
        return jobsByState == null ? Double.NaN : jobsByState.getOrDefault(state, 0); // NaN: no number rather than a wrong one
    }
}
