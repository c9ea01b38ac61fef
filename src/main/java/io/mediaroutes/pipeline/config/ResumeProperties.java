package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param interval ms between looks for ingests nobody holds ({@code mediaroutes.resume}) */
@Validated
@ConfigurationProperties("mediaroutes.resume")
public record ResumeProperties(@Min(10) long interval) {}
