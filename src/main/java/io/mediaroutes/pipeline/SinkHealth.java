package io.mediaroutes.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The sinks' last failures, in {@code /actuator/health} (component {@code sinks}): a sink that failed stays UP for
 * the app (its videos wait and are delivered again at the next poll) but says when and why, until it delivers.
 */
@Component("sinks")
public class SinkHealth implements HealthIndicator {

    private record Failure(String reason, Instant at) {}

    private final Map<String, Failure> lastFailures = new ConcurrentHashMap<>();
    private final PipelineMetrics metrics;

    public SinkHealth(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    /** Called by the sink-errors route when a sink's retries are spent. */
    public void failed(String sink, String reason) {
        lastFailures.put(sink, new Failure(reason, Instant.now()));
        metrics.sinkFailed(sink);
    }

    /** @param sink the sink's endpoint, direct:&lt;name&gt; */
    public void delivered(String sink) {
        String name = sink.startsWith("direct:") ? sink.substring("direct:".length()) : sink;
        lastFailures.remove(name);
        metrics.sinkDelivered(name);
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        lastFailures.forEach((sink, failure) -> health.withDetail(sink, Map.of("lastFailure", failure.reason(), "at", failure.at().toString())));
        return health.build();
    }
}
