package io.mediaroutes.azure;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Azure cloud the app signs in to and manages ({@code mediaroutes.azure-cloud}): Azure's public cloud by default;
 * a sovereign cloud (or a test's local servers) by setting both URLs.
 *
 * @param authorityHost     Entra ID, where DefaultAzureCredential gets its tokens
 * @param resourceManager   Azure Resource Manager, where the Video Indexer account's tokens are generated
 * @param resourceManagerAudience the resource ARM's tokens are for (the same URL but where ARM is reached by another)
 * @param instanceDiscovery false where Entra's instance discovery can't be reached (Azure Stack, a private cloud)
 */
@Validated
@ConfigurationProperties("mediaroutes.azure-cloud")
public record AzureCloudProperties(@NotNull URI authorityHost, @NotNull URI resourceManager,
        @NotNull URI resourceManagerAudience, boolean instanceDiscovery) {

    /** The scope of a token for Resource Manager: its audience with /.default. */
    public String resourceManagerScope() {
        String url = resourceManagerAudience.toString();
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/.default";
    }
}
