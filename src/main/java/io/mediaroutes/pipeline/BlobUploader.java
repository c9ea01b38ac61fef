package io.mediaroutes.pipeline;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.mediaroutes.media.Aes256Ctr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Uploads a drop to its UploadUri with the Azure SDK, the same way against the embedded service and real
 * Azure storage: the file is read in blocks (Put Block, then Put Block List), several in flight at once,
 * never whole into memory. Files over 100 MB log their progress every 10 %.
 */
@Component("uploader")
public class BlobUploader {

    private static final Logger LOG = LoggerFactory.getLogger(BlobUploader.class);
    private static final long LOG_PROGRESS_ABOVE = 100L * 1024 * 1024;

    private final HttpClient http = HttpClient.createDefault();
    private final long blockSize;
    private final int concurrency;

    public BlobUploader(@Value("${mediaroutes.upload.block-size:8MB}") DataSize blockSize,
            @Value("${mediaroutes.upload.concurrency:4}") int concurrency) {
        this.blockSize = blockSize.toBytes();
        this.concurrency = concurrency;
    }

    /** Uploads the job's file to its UploadUri, encrypted on the way if the video asked for AES256. */
    public void upload(Map<String, Object> job) throws IOException {
        upload(Path.of((String) job.get("path")), (String) job.get("uploadUri"), (String) job.get("inputKey"),
                (String) job.get("inputIv"));
    }

    public void upload(Path file, String uploadUri) throws IOException {
        upload(file, uploadUri, null, null);
    }

    /** With a key and IV, the bytes are AES-256-CTR encrypted as they stream: no padding, same length. */
    public void upload(Path file, String uploadUri, String aes256Key, String aes256Iv) throws IOException {
        long size = Files.size(file);
        BlobClient blob = new BlobClientBuilder().endpoint(uploadUri).httpClient(http).buildClient();
        ParallelTransferOptions options = new ParallelTransferOptions()
                .setBlockSizeLong(blockSize)
                .setMaxSingleUploadSizeLong(blockSize)
                .setMaxConcurrency(concurrency);
        if (size > LOG_PROGRESS_ABOVE) {
            AtomicInteger lastDecile = new AtomicInteger();
            options.setProgressListener(sent -> {
                int decile = (int) (sent * 10 / size);
                if (decile > lastDecile.getAndAccumulate(decile, Math::max)) {
                    LOG.info("Uploading {}: {}% ({} of {} MB)", file.getFileName(), decile * 10, sent >> 20, size >> 20);
                }
            });
        }
        long started = System.nanoTime();
        // no request conditions: a retried upload overwrites what an interrupted one left
        if (aes256Key == null) {
            blob.uploadFromFile(file.toString(), options, null, null, null, null, null);
        } else {
            try (InputStream encrypted = Aes256Ctr.wrap(Files.newInputStream(file), aes256Key, aes256Iv)) {
                blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(encrypted, size))
                        .setParallelTransferOptions(options), null, Context.NONE);
            }
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        LOG.info("Uploaded {} ({} bytes) in {} ms, {} MB/s", file.getFileName(), size, millis, size * 1000 / millis >> 20);
    }
}
