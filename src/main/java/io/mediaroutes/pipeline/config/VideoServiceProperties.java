package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The video service the pipeline calls ({@code mediaroutes.video-service}): this app's own, another instance's, or
 * Azure Video Indexer.
 *
 * @param api    which flow the routes drive
 * @param url    the service's base URL; by default this app, whose port is known only once it listens, so the routes
 *               and {@code IndexerClient} read it as a placeholder at call time
 * @param apiKey sent in the {@code api-key} header of every Connector call, where the service requires one
 */
@Validated
@ConfigurationProperties("mediaroutes.video-service")
public record VideoServiceProperties(@NotNull Api api, @NotBlank String url, @NotNull String apiKey) {

    /** Which flow the pipeline drives: the Media Services Connector's, or Video Indexer's. */
    public enum Api { CONNECTOR, VIDEOINDEXER }
}
