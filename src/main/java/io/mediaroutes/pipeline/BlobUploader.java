package io.mediaroutes.pipeline;

import io.mediaroutes.config.UploadProperties;
import io.mediaroutes.observability.Metrics;
import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.mediaroutes.media.Aes256Ctr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Uploads a drop to its UploadUri with the Azure SDK, the same way against the embedded service and real
 * Azure storage: read in blocks (Put Block, then Put Block List), several in flight at once, never whole
 * into memory. A file goes straight from disk; a blob drop or an AES256 upload streams through (encrypting
 * on the way). Uploads over 100 MB log their progress every 10 %.
 */
@Component("uploader")
public class BlobUploader {

    private static final Logger LOG = LoggerFactory.getLogger(BlobUploader.class);
    private static final long LOG_PROGRESS_ABOVE = 100L * 1024 * 1024;

    private final Metrics metrics;
    private final HttpClient http = HttpClient.createDefault();
    private final long blockSize;
    private final int concurrency;
    private final BlobDrop blobDrop;

    public BlobUploader(UploadProperties upload, BlobDrop blobDrop, Metrics metrics) {
        this.metrics = metrics;
        DataSize blockSize = upload.blockSize();
        int concurrency = upload.concurrency();
        this.blockSize = blockSize.toBytes();
        this.concurrency = concurrency;
        this.blobDrop = blobDrop;
    }

    /** Uploads the job's drop, encrypted on the way if the video asked for AES256 (the job holds key and IV). */
    public void upload(Map<String, Object> job) throws IOException {
        String path = (String) job.get("path");
        String uploadUri = (String) job.get("uploadUri");
        String key = (String) job.get("inputKey");
        String iv = (String) job.get("inputIv");
        if (BlobDrop.isBlob(path)) {
            try (InputStream in = blobDrop.open(path)) {
                upload(in, blobDrop.size(path), path, uploadUri, key, iv);
            }
        } else if (key != null) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                upload(in, Files.size(Path.of(path)), path, uploadUri, key, iv);
            }
        } else {
            upload(Path.of(path), uploadUri);
        }
    }

    public void upload(Path file, String uploadUri) throws IOException {
        long size = Files.size(file);
        long started = System.nanoTime();
        // no request conditions: a retried upload overwrites what an interrupted one left
        client(uploadUri).uploadFromFile(file.toString(), options(size, file.getFileName().toString()), null, null, null, null, null);
        logDone(file.getFileName().toString(), size, started);
    }

    /** A stream of known length; with a key and IV it is AES-256-CTR encrypted as it goes (same length). */
    public void upload(InputStream in, long size, String what, String uploadUri, String aes256Key, String aes256Iv)
            throws IOException {
        InputStream content = aes256Key == null ? in : Aes256Ctr.wrap(in, aes256Key, aes256Iv);
        long started = System.nanoTime();
        client(uploadUri).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(content, size))
                .setParallelTransferOptions(options(size, what)), null, Context.NONE);
        logDone(what, size, started);
    }

    private BlobClient client(String uploadUri) {
        return new BlobClientBuilder().endpoint(uploadUri).httpClient(http).buildClient();
    }

    private ParallelTransferOptions options(long size, String what) {
        ParallelTransferOptions options = new ParallelTransferOptions()
                .setBlockSizeLong(blockSize)
                .setMaxSingleUploadSizeLong(blockSize)
                .setMaxConcurrency(concurrency);
        if (size > LOG_PROGRESS_ABOVE) {
            AtomicInteger lastDecile = new AtomicInteger();
            options.setProgressListener(sent -> {
                int decile = (int) (sent * 10 / size);
                if (decile > lastDecile.getAndAccumulate(decile, Math::max)) {
                    LOG.info("Uploading {}: {}% ({} of {} MB)", what, decile * 10, sent >> 20, size >> 20);
                }
            });
        }
        return options;
    }

    private void logDone(String what, long size, long startedNanos) {
        long millis = Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000);
        metrics.uploaded(size, Duration.ofMillis(millis));
        LOG.info("Uploaded {} ({} bytes) in {} ms, {} MiB/s", what, size, millis,
                String.format(Locale.ROOT, "%.1f", size * 1000.0 / millis / (1 << 20)));
    }
}
