package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Video Indexer account the pipeline drives in videoindexer mode ({@code mediaroutes.indexer}); an empty id
 * or key means the embedded service's.
 */
@Validated
@ConfigurationProperties("mediaroutes.indexer")
public record IndexerProperties(@NotBlank String location, @NotNull String accountId, @NotNull String subscriptionKey,
        @NotNull String callbackUrl, @Min(1) @Max(10) int callsPerSecond) {}
