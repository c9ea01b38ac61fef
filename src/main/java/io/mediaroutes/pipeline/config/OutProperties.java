package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param dir the file-out sink's folder ({@code mediaroutes.out}) */
@Validated
@ConfigurationProperties("mediaroutes.out")
public record OutProperties(@NotNull Path dir) {}
