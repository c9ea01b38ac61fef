package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The pipeline's Azure Storage account, for the blob drop and the blob sink ({@code mediaroutes.azure}). */
@Validated
@ConfigurationProperties("mediaroutes.azure")
public record AzureProperties(@NotNull String connectionString) {}
