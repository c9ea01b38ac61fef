package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The watched folder ({@code mediaroutes.drop}).
 *
 * @param minAge    ms a file must be unchanged before it is taken
 * @param pollDelay ms between folder scans
 * @param unreadableInterval ms between looks for names the folder consumer can't read (housekeeping)
 */
@Validated
@ConfigurationProperties("mediaroutes.drop")
public record DropProperties(@NotNull Path dir, @NotNull Path doneDir, @NotNull Path errorDir, @Min(0) long minAge,
        @Min(10) long pollDelay, @Min(10) long unreadableInterval) {}
