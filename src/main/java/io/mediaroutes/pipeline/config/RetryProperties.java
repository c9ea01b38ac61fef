package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Retries of transient failures in the ingest steps ({@code mediaroutes.retry}): Camel's exponential redelivery. */
@Validated
@ConfigurationProperties("mediaroutes.retry")
public record RetryProperties(@Min(1) @Max(100) int maxAttempts, @NotNull Duration initialDelay, @NotNull Duration maxDelay) {}
