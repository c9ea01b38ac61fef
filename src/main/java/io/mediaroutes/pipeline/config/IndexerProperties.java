package io.mediaroutes.pipeline.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Video Indexer account the pipeline drives in videoindexer mode ({@code mediaroutes.indexer}): a trial account by
 * its location, id and API key ({@code auth: api-key}), or a paid account by its ARM id ({@code auth: arm}), whose
 * tokens ARM generates for the app's Entra ID identity.
 */
@Validated
@ConfigurationProperties("mediaroutes.indexer")
public record IndexerProperties(@NotNull Auth auth, @NotNull @Valid Arm arm, @NotNull String location,
        @NotNull String accountId, @NotNull String subscriptionKey, @NotNull String callbackUrl,
        @Min(1) @Max(10) int callsPerSecond) {

    public enum Auth { API_KEY, ARM }

    /** A Microsoft.VideoIndexer/accounts resource: /subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/.../{accountName}. */
    public record Arm(@NotNull String subscriptionId, @NotNull String resourceGroup, @NotNull String accountName,
            @NotBlank String apiVersion) {

        public String resourceId() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                    + "/providers/Microsoft.VideoIndexer/accounts/" + accountName;
        }
    }
}
