package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The pipeline's Azure Storage account, for the blob drop, its event queue and the blob sink ({@code mediaroutes.azure}):
 * a connection string (an account key, or Azurite's), or the account's endpoints reached with the app's Entra ID
 * identity (no key: for accounts with shared key access disabled).
 */
@Validated
@ConfigurationProperties("mediaroutes.azure")
public record AzureProperties(@NotNull String connectionString, @NotNull String blobEndpoint, @NotNull String queueEndpoint) {

    /** Reached with the Entra ID identity rather than a key: SAS URLs are then user delegation SAS. */
    public boolean keyless() {
        return connectionString.isBlank();
    }
}
