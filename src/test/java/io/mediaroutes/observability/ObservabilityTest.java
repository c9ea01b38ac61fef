package io.mediaroutes.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * What an operator sees: Prometheus's scrape after one video went through (Camel's route meters and the pipeline's
 * own), and health with Camel's checks, the video service and the sinks.
 */
@AutoConfigureObservability(tracing = false) // Spring's tests turn metric export off unless asked
class ObservabilityTest extends AppTest {

    @Test
    void healthHasCamelTheServiceAndTheSinksAndReadinessWaitsOnThem() throws Exception {
        String health = RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1").text();
        assertThat(health).contains("\"camelHealth\"").contains("\"service\"").contains("\"sinks\"").contains("\"db\"");
        // ready once every consumer has polled (the drop folder's first scan comes a second after the start)
        Await.until("ready", Duration.ofSeconds(60), () -> readiness().startsWith("{\"status\":\"UP\""));
        assertThat(readiness()).contains("\"service\"").contains("\"camelHealth\"");
    }

    private String readiness() {
        try {
            return RawHttp.send(port, "GET /actuator/health/readiness HTTP/1.1\r\nHost: 127.0.0.1").text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void prometheusSeesTheVideoGoThroughEveryStep() throws Exception {
        TestVideos.mp4(home().resolve("drop/measured.mp4"), 1);
        // the drop is archived once delivery is recorded: every metric of the video is in by then
        Await.until("delivered", Duration.ofSeconds(90), () -> Files.exists(home().resolve("drop/.done/measured.mp4")));

        RawHttp.Answer scrape = RawHttp.send(port, "GET /actuator/prometheus HTTP/1.1\r\nHost: 127.0.0.1");
        assertThat(scrape.status()).isEqualTo(200);
        String metrics = scrape.text();
        Files.writeString(Path.of("target/prometheus-scrape.txt"), metrics); // what was seen, for a failing run
        assertThat(metrics)
                .contains("mediaroutes_videos{state=\"DELIVERED\"} 1.0")
                .contains("mediaroutes_drop_to_delivery_seconds_count 1")
                .contains("mediaroutes_upload_bytes_total")
                .contains("mediaroutes_processing_ratio_count 1")
                .contains("mediaroutes_sink_deliveries_total{outcome=\"delivered\",sink=\"file-out\"} 1.0")
                .contains("mediaroutes_service_queue 0.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"ingest-file\"");
    }
}
