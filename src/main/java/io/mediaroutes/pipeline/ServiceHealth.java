package io.mediaroutes.pipeline;

import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether the video service the pipeline calls ({@code mediaroutes.video-service.url}: this app, or Azure) answers at
 * all, in {@code /actuator/health} and in readiness: without it the app can't take work. Any HTTP answer counts;
 * only a refused, unreachable or silent service is DOWN, and so is Video Indexer while it refuses this app's identity
 * (the detail {@code access} names the missing role or setting). A plain {@link HttpURLConnection}: the JDK's HttpClient
 * builds a TLS context when made (about 900 classes and the CA store read before the first health answer),
 * which an http:// service never needs.
 */
@Component("service")
public class ServiceHealth implements HealthIndicator {

    private final Environment environment;
    private final IndexerClient indexer;

    public ServiceHealth(Environment environment, IndexerClient indexer) {
        this.environment = environment;
        this.indexer = indexer;
    }

    @Override
    public Health health() {
        String url = environment.getProperty("mediaroutes.video-service.url", ""); // names this app's port: read when asked
        String accessProblem = indexer.accessProblem();
        if (accessProblem != null) {
            return Health.down().withDetail("url", url).withDetail("access", accessProblem).build();
        }
        HttpURLConnection connection = null;
        try {
            // straight to the service, as the routes' HTTP client goes (no system proxy)
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("HEAD");
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(3000);
            return Health.up().withDetail("url", url).withDetail("status", connection.getResponseCode()).build();
        } catch (Exception unreachable) {
            return Health.down().withDetail("url", url).withDetail("error", unreachable.getClass().getSimpleName()).build();
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
