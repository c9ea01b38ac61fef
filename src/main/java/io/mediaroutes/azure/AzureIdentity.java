package io.mediaroutes.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import org.springframework.stereotype.Component;

/**
 * This app's one identity for all of Azure: azure-identity's DefaultAzureCredential, which takes, in turn, a service
 * principal from the environment (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or
 * AZURE_CLIENT_CERTIFICATE_PATH), AKS workload identity (AZURE_FEDERATED_TOKEN_FILE), a managed identity, or the Azure
 * CLI's login on a developer's machine. No secret is read from a file of ours. Made on first use: an app that never
 * calls Azure never builds it.
 */
@Component
public class AzureIdentity {

    private final AzureCloudProperties cloud;
    private volatile TokenCredential credential;

    public AzureIdentity(AzureCloudProperties cloud) {
        this.cloud = cloud;
    }

    public TokenCredential credential() {
        if (credential == null) {
            synchronized (this) {
                if (credential == null) {
                    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder()
                            .authorityHost(cloud.authorityHost().toString());
                    if (!cloud.instanceDiscovery()) {
                        builder.disableInstanceDiscovery();
                    }
                    credential = builder.build();
                }
            }
        }
        return credential;
    }

    /** An Authorization header for Azure Resource Manager ("Bearer ..."); azure-identity caches the token. */
    public String resourceManagerAuthorization() {
        return "Bearer " + credential().getTokenSync(new TokenRequestContext().addScopes(cloud.resourceManagerScope())).getToken();
    }

    /**
     * A Blob service client: with an account key or Azurite's ({@code connectionString}), else at {@code endpoint}
     * ({@code https://<account>.blob.core.windows.net}) with this app's identity, which needs a Storage Blob Data role.
     *
     * @param settings the two settings' names, for the message when neither is set
     */
    public BlobServiceClient blobService(String connectionString, String endpoint, String settings) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (!connectionString.isBlank()) {
            return builder.connectionString(connectionString).buildClient();
        }
        if (endpoint.isBlank()) {
            throw new IllegalStateException("Azure Blob Storage needs " + settings);
        }
        return builder.endpoint(endpoint).credential(credential()).buildClient();
    }

    /** A Queue service client, as {@link #blobService}: a Storage Queue Data role for the identity. */
    public QueueServiceClient queueService(String connectionString, String endpoint, String settings) {
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder();
        if (!connectionString.isBlank()) {
            return builder.connectionString(connectionString).buildClient();
        }
        if (endpoint.isBlank()) {
            throw new IllegalStateException("Azure Queue Storage needs " + settings);
        }
        return builder.endpoint(endpoint).credential(credential()).buildClient();
    }
}
