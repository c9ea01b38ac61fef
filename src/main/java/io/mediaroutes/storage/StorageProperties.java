package io.mediaroutes.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the service keeps blobs ({@code mediaroutes.storage}): a local folder, or Azure Blob Storage (or Azurite). */
@Validated
@ConfigurationProperties("mediaroutes.storage")
public record StorageProperties(@NotNull Kind kind, @NotNull Local local, @NotNull Azure azure) {

    public enum Kind { LOCAL, AZURE }

    public record Local(@NotNull Path dir) {}

    /**
     * @param connectionString with an account key (or Azurite's); blank: {@code endpoint} with the app's Entra ID identity
     * @param endpoint         https://&lt;account&gt;.blob.core.windows.net, for an identity with Storage Blob Data Contributor
     * @param cacheDir         where blobs are copied for tools that need a file (ffmpeg)
     */
    public record Azure(@NotNull String connectionString, @NotNull String endpoint, @NotNull Path cacheDir) {}
}
