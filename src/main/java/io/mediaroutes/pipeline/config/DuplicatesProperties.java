package io.mediaroutes.pipeline.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whether a drop with an earlier drop's bytes takes that drop's video instead of being processed again
 * ({@code mediaroutes.duplicates}); in Video Indexer mode the upload also asks for {@code preventDuplicates}.
 */
@Validated
@ConfigurationProperties("mediaroutes.duplicates")
public record DuplicatesProperties(boolean enabled) {}
