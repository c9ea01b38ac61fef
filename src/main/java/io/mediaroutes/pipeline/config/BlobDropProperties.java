package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Azure Blob drop ({@code mediaroutes.blob-drop}).
 *
 * @param sasValidity how long the read-only SAS URL Video Indexer fetches a blob with stays valid
 */
@Validated
@ConfigurationProperties("mediaroutes.blob-drop")
public record BlobDropProperties(boolean enabled, @NotBlank String container, @Min(10) long pollDelay,
        @Min(1) @Max(5000) int pageSize, @NotNull AfterDelivery afterDelivery, @NotNull String processedPrefix,
        @NotNull String errorPrefix, @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration sasValidity) {

    /** What happens to a delivered blob: moved under processed/, tagged mediaroutes=processed, or left. */
    public enum AfterDelivery { MOVE, TAG, KEEP }
}
