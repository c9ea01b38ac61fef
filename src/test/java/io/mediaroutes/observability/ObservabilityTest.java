package io.mediaroutes.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator sees: Prometheus's scrape after one video went through (Camel's route meters and the pipeline's
 * own), and health with Camel's checks, the video service and the sinks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // Spring's tests turn metric export off unless asked
@DirtiesContext
class ObservabilityTest {

    static final Path HOME = AppTestSupport.newHome("metrics");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, HOME);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void healthHasCamelTheServiceAndTheSinksAndReadinessWaitsOnThem() throws Exception {
        String health = RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1").text();
        assertThat(health).contains("\"camelHealth\"").contains("\"service\"").contains("\"sinks\"").contains("\"db\"");
        String readiness = RawHttp.send(port, "GET /actuator/health/readiness HTTP/1.1\r\nHost: 127.0.0.1").text();
        assertThat(readiness).startsWith("{\"status\":\"UP\"").contains("\"service\"").contains("\"camelHealth\"");
    }

    @Test
    void prometheusSeesTheVideoGoThroughEveryStep() throws Exception {
        TestVideos.mp4(HOME.resolve("drop/measured.mp4"), 1);
        Await.until("delivered", Duration.ofSeconds(90), () -> Files.exists(HOME.resolve("out/measured.mp4.insights.json")));

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
