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
 * @param sasValidity        how long the read-only SAS URL Video Indexer fetches a blob with stays valid
 * @param eventQueue         with discover-by: events, the Storage Queue Event Grid delivers BlobCreated events to
 * @param eventMaxDeliveries a message taken this often without success goes aside to {@code <eventQueue>-poison}
 */
@Validated
@ConfigurationProperties("mediaroutes.blob-drop")
public record BlobDropProperties(boolean enabled, @NotNull DiscoverBy discoverBy, @NotBlank String container, @Min(10) long pollDelay,
        @Min(1) @Max(5000) int pageSize, @NotNull AfterDelivery afterDelivery, @NotNull String processedPrefix,
        @NotNull String errorPrefix, @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration sasValidity,
        @NotBlank String eventQueue, @Min(1) int eventMaxDeliveries) {

    /** How new blobs are found: by listing the container each poll, or by Event Grid's BlobCreated events on a queue. */
    public enum DiscoverBy { LISTING, EVENTS }


    /** What happens to a delivered blob: moved under processed/, tagged mediaroutes=processed, or left. */
    public enum AfterDelivery { MOVE, TAG, KEEP }
}
