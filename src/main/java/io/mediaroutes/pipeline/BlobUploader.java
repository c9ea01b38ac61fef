package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.UploadProperties;
import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.mediaroutes.media.Aes256Ctr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final long MAX_BLOCKS = 50_000;
    private static final ThreadFactory SENDER_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "upload-block");
        thread.setDaemon(true);
        return thread;
    };

    private final PipelineMetrics metrics;
    private final long blockSize;
    private final int concurrency;
    private final BlobDrop blobDrop;

    public BlobUploader(UploadProperties upload, BlobDrop blobDrop, PipelineMetrics metrics) {
        this.metrics = metrics;
        DataSize blockSize = upload.blockSize();
        int concurrency = upload.concurrency();
        this.blockSize = blockSize.toBytes();
        this.concurrency = concurrency;
        this.blobDrop = blobDrop;
    }

    /** Uploads the job's drop, encrypted on the way if the video asked for AES256 (the job holds key and IV). */
    public void upload(Job job) throws IOException {
        String path = job.path();
        String uploadUri = job.uploadUri();
        String key = job.inputKey();
        String iv = job.inputIv();
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

    /**
     * A file goes in blocks named by their index (the same length each, as Azure wants), {@code concurrency} at a
     * time, each read by the HTTP client straight from the file. Blocks the blob already holds uncommitted, with
     * the same id and length, are not sent again: a restart after a crash sends only what is missing.
     * A file of one block or less is one Put Blob.
     */
    public void upload(Path file, String uploadUri) throws IOException {
        long size = Files.size(file);
        String name = file.getFileName().toString();
        long started = System.nanoTime();
        BlockBlobClient blob = client(uploadUri).getBlockBlobClient();
        if (size <= blockSize) {
            blob.upload(BinaryData.fromFile(file), true);
            logDone(name, size, 0, started);
            return;
        }
        long block = Math.max(blockSize, -Math.floorDiv(-size, MAX_BLOCKS)); // Azure: at most 50,000 blocks
        int count = (int) -Math.floorDiv(-size, block);
        Map<String, Long> staged = uncommittedBlocks(blob);
        List<String> ids = new ArrayList<>(count);
        List<Callable<Void>> sends = new ArrayList<>();
        long reused = 0;
        Progress progress = new Progress(name, size);
        for (int i = 0; i < count; i++) {
            String id = blockId(i);
            long offset = i * block;
            long length = Math.min(block, size - offset);
            ids.add(id);
            if (staged.getOrDefault(id, -1L) == length) {
                reused += length;
                progress.add(length);
                continue;
            }
            sends.add(() -> {
                blob.stageBlock(id, BinaryData.fromFile(file, offset, length));
                progress.add(length);
                return null;
            });
        }
        if (reused > 0) {
            LOG.info("Resuming the upload of {}: {} of {} MB were staged before", name, reused >> 20, size >> 20);
        }
        sendAll(sends);
        blob.commitBlockList(ids, true);
        logDone(name, size, reused, started);
    }

    /** Block i's id: base64 of a fixed-width index, so every id has one length and a retry names the same block. */
    static String blockId(int index) {
        return Base64.getEncoder().encodeToString(String.format(Locale.ROOT, "block-%06d", index).getBytes(StandardCharsets.US_ASCII));
    }

    /** The blob's uncommitted blocks by id, with their lengths; none if the blob does not exist yet. */
    private static Map<String, Long> uncommittedBlocks(BlockBlobClient blob) {
        try {
            Map<String, Long> blocks = new HashMap<>();
            blob.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks().forEach(b -> blocks.put(b.getName(), b.getSizeLong()));
            return blocks;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Map.of();
            }
            throw e;
        }
    }

    /** Runs the block sends {@code concurrency} at a time; the first failure stops the rest and is thrown. */
    private void sendAll(List<Callable<Void>> sends) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, sends.size())), SENDER_THREADS);
        CompletionService<Void> sent = new ExecutorCompletionService<>(pool);
        try {
            sends.forEach(sent::submit);
            for (int i = 0; i < sends.size(); i++) {
                sent.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("upload interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // as the SDK throws it, for the retry policy to read its status
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow(); // the blocks not sent yet are not sent
        }
    }

    /** A stream of known length; with a key and IV it is AES-256-CTR encrypted as it goes (same length). */
    public void upload(InputStream in, long size, String what, String uploadUri, String aes256Key, String aes256Iv)
            throws IOException {
        InputStream content = aes256Key == null ? in : Aes256Ctr.wrap(in, aes256Key, aes256Iv);
        long started = System.nanoTime();
        client(uploadUri).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(content, size))
                .setParallelTransferOptions(options(size, what)), null, Context.NONE);
        logDone(what, size, 0, started);
    }

    private BlobClient client(String uploadUri) {
        return new BlobClientBuilder().endpoint(uploadUri).httpClient(Http.CLIENT).buildClient();
    }

    private ParallelTransferOptions options(long size, String what) {
        Progress progress = new Progress(what, size);
        return new ParallelTransferOptions()
                .setBlockSizeLong(blockSize)
                .setMaxSingleUploadSizeLong(blockSize)
                .setMaxConcurrency(concurrency)
                .setProgressListener(progress::report);
    }

    /** @param reused bytes staged by an earlier, interrupted upload: not sent, not counted in the rate */
    private void logDone(String what, long size, long reused, long startedNanos) {
        long millis = Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000);
        long sent = size - reused;
        metrics.uploaded(sent, Duration.ofMillis(millis));
        LOG.info("Uploaded {} ({} bytes) in {} ms, {} MiB/s{}", what, size, millis,
                String.format(Locale.ROOT, "%.1f", sent * 1000.0 / millis / (1 << 20)),
                reused == 0 ? "" : ", " + reused + " bytes staged before");
    }

    /** One HTTP client for every upload, made at the first: Netty and Reactor load with it, not on the start path. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.createDefault();
    }

    /** Logs every further 10 % of an upload over 100 MB. */
    private static final class Progress {
        private final String what;
        private final long size;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicInteger lastDecile = new AtomicInteger();

        Progress(String what, long size) {
            this.what = what;
            this.size = size;
        }

        void add(long bytes) {
            report(sent.addAndGet(bytes));
        }

        /** @param now bytes sent so far */
        void report(long now) {
            int decile = (int) (now * 10 / size);
            if (size > LOG_PROGRESS_ABOVE && decile < 10 && decile > lastDecile.getAndAccumulate(decile, Math::max)) {
                LOG.info("Uploading {}: {}% ({} of {} MB)", what, decile * 10, now >> 20, size >> 20);
            }
        }
    }
}
