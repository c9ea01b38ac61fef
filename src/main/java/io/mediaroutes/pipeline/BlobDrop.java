package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.AzureProperties;
import io.mediaroutes.pipeline.config.BlobDropProperties;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The blob drop: an Azure Blob container watched like the drop folder. Listing reads one page per poll
 * (a container may hold 100k blobs), blobs stream to the service, and afterwards a blob moves under
 * {@code processed/}, or is tagged {@code mediaroutes=processed} ({@code after-delivery: tag}), or stays
 * ({@code keep}); a failed one moves under {@code error/}
 * with {@code <name>.error.json} beside it. Drops are addressed as {@code azure-blob://<container>/<name>}.
 */
@Component("blobDrop")
public class BlobDrop {

    public static final String SCHEME = "azure-blob://";
    /** With after-delivery: tag, a delivered blob gets the index tag mediaroutes=processed. */
    static final String TAG = "mediaroutes";
    static final String PROCESSED = "processed";
    private static final Logger LOG = LoggerFactory.getLogger(BlobDrop.class);

    private final ObjectProvider<BlobServiceClient> service;
    private final String containerName;
    private final int pageSize;
    private final String processedPrefix;
    private final String errorPrefix;
    private final BlobDropProperties.AfterDelivery afterDelivery;
    private final ObjectMapper json;
    private final Duration sasValidity;
    private final boolean keyless;
    private String continuation;

    public BlobDrop(ObjectProvider<BlobServiceClient> service, ObjectMapper json, BlobDropProperties drop, AzureProperties azure) {
        if (drop.enabled() && azure.connectionString().isBlank() && azure.blobEndpoint().isBlank()) {
            throw new IllegalStateException("mediaroutes.blob-drop.enabled=true needs the storage account: set"
                    + " mediaroutes.azure.blob-endpoint (AZURE_STORAGE_BLOB_ENDPOINT in profile azure) or mediaroutes.azure.connection-string");
        }
        this.service = service;
        this.json = json;
        this.containerName = drop.container();
        this.pageSize = drop.pageSize();
        this.processedPrefix = drop.processedPrefix();
        this.errorPrefix = drop.errorPrefix();
        this.afterDelivery = drop.afterDelivery();
        this.sasValidity = drop.sasValidity();
        this.keyless = azure.keyless();
    }

    /**
     * The next page of blobs waiting in the container: {@code key} (container|name|ETag, for the idempotent
     * repository), {@code name} (the file name part), {@code path} and {@code size}. After the last page the
     * listing starts over.
     */
    public synchronized List<Map<String, Object>> nextPage() {
        BlobContainerClient container = container();
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(pageSize)
                .setDetails(new BlobListDetails().setRetrieveTags(afterDelivery == BlobDropProperties.AfterDelivery.TAG));
        PagedResponse<BlobItem> page = container.listBlobs(options, continuation, null)
                .iterableByPage(continuation, pageSize).iterator().next();
        continuation = page.getContinuationToken();
        List<Map<String, Object>> blobs = new ArrayList<>();
        for (BlobItem item : page.getValue()) {
            String name = item.getName();
            if (name.startsWith(processedPrefix) || name.startsWith(errorPrefix) || isTagged(item)) {
                continue;
            }
            Map<String, Object> blob = new LinkedHashMap<>();
            blob.put("key", containerName + "|" + name + "|" + item.getProperties().getETag());
            blob.put("name", name.substring(name.lastIndexOf('/') + 1));
            blob.put("path", SCHEME + containerName + "/" + name);
            blob.put("size", item.getProperties().getContentLength());
            blobs.add(blob);
        }
        return blobs;
    }

    public static boolean isBlob(String path) {
        return path != null && path.startsWith(SCHEME);
    }

    public long size(String path) {
        return blob(path).getProperties().getBlobSize();
    }

    /** The blob's Content-MD5 as Azure keeps it (set for whole-blob uploads), or null. */
    public byte[] contentMd5(String path) {
        return blob(path).getProperties().getContentMd5();
    }

    /** The blob's bytes as a stream, read in chunks as it is consumed. */
    public InputStream open(String path) {
        return blob(path).openInputStream();
    }

    /**
     * A read-only SAS URL for the blob, valid for {@code mediaroutes.blob-drop.sas-validity}: Video Indexer fetches the
     * video itself. Signed with the account key where there is one, else a user delegation SAS, signed with a key
     * Entra ID issues to this app's identity (which needs Storage Blob Data Reader or Contributor).
     */
    public String sasUrl(String path) {
        BlobClient blob = blob(path);
        OffsetDateTime expiry = OffsetDateTime.now().plus(sasValidity);
        BlobServiceSasSignatureValues readOnly = new BlobServiceSasSignatureValues(expiry, new BlobSasPermission().setReadPermission(true));
        if (!keyless) {
            return blob.getBlobUrl() + "?" + blob.generateSas(readOnly);
        }
        // the key may start a few minutes back: Azure's clocks and ours differ a little
        UserDelegationKey key = service.getObject().getUserDelegationKey(OffsetDateTime.now().minusMinutes(5), expiry);
        return blob.getBlobUrl() + "?" + blob.generateUserDelegationSas(readOnly, key);
    }

    public void archive(String path) {
        switch (afterDelivery) {
            case MOVE -> move(path, processedPrefix);
            case TAG -> blob(path).setTags(Map.of(TAG, PROCESSED));
            case KEEP -> { } // the idempotent repository alone remembers it
        }
    }

    private static boolean isTagged(BlobItem item) {
        return item.getTags() != null && PROCESSED.equals(item.getTags().get(TAG));
    }

    public void reject(String path, String step, String videoId, String reason) throws Exception {
        String moved = move(path, errorPrefix);
        Map<String, Object> error = DropFolder.report("blob", path.substring(SCHEME.length()), step, videoId, reason);
        container().getBlobClient(moved + ".error.json")
                .upload(BinaryData.fromBytes(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(error)), true);
        LOG.warn("Rejected blob {} at step {}: {}", path, DropFolder.step(step), reason);
    }

    /** Server-side copy under the prefix, then delete: the bytes never pass through this process. */
    private String move(String path, String prefix) {
        BlobClient source = blob(path);
        String target = prefix + source.getBlobName();
        if (!source.exists()) {
            LOG.warn("{} is gone from the drop container; nothing to move", path);
            return target;
        }
        container().getBlobClient(target).beginCopy(source.getBlobUrl(), Duration.ofMillis(200)).waitForCompletion();
        source.delete();
        return target;
    }

    private BlobClient blob(String path) {
        String rest = path.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return service.getObject().getBlobContainerClient(rest.substring(0, slash)).getBlobClient(rest.substring(slash + 1));
    }

    private BlobContainerClient container() {
        return service.getObject().getBlobContainerClient(containerName);
    }
}
