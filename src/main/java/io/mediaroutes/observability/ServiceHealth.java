package io.mediaroutes.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether the video service the pipeline calls ({@code mediaroutes.service.url}: this app, or Azure) answers at
 * all, in {@code /actuator/health} and in readiness: without it the app can't take work. Any HTTP answer counts;
 * only a refused, unreachable or silent service is DOWN.
 */
@Component("service")
public class ServiceHealth implements HealthIndicator {

    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ServiceHealth(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Health health() {
        String url = environment.getProperty("mediaroutes.service.url", ""); // names this app's port: read when asked
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return Health.up().withDetail("url", url).withDetail("status", answer.statusCode()).build();
        } catch (Exception unreachable) {
            return Health.down().withDetail("url", url).withDetail("error", unreachable.getClass().getSimpleName()).build();
        }
    }
}
