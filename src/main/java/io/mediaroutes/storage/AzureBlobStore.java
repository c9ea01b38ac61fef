package io.mediaroutes.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Blobs in Azure Blob Storage (or Azurite): one container per video, block operations passed straight
 * through. Tools that need a file (ffmpeg) get a copy in a local cache folder, refreshed when the ETag changes.
 */
public class AzureBlobStore implements BlobStore {

    private final BlobServiceClient service;
    private final Path cache;

    public AzureBlobStore(BlobServiceClient service, Path cache) {
        this.service = service;
        this.cache = cache.toAbsolutePath().normalize();
    }

    @Override
    public Properties putBlob(String container, String name, InputStream content) throws IOException {
        BlobClient blob = blob(container, name, true);
        call(() -> blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromStream(content)), null, Context.NONE));
        return properties(container, name).orElseThrow();
    }

    @Override
    public void stageBlock(String container, String name, String blockId, InputStream content, long length) throws IOException {
        BlobClient blob = blob(container, name, true);
        BinaryData data = length >= 0 ? BinaryData.fromStream(content, length) : BinaryData.fromStream(content);
        call(() -> blob.getBlockBlobClient().stageBlockWithResponse(new BlockBlobStageBlockOptions(blockId, data), null, Context.NONE));
    }

    @Override
    public Properties commitBlocks(String container, String name, List<String> blockIds) throws IOException {
        BlobClient blob = blob(container, name, false);
        try {
            blob.getBlockBlobClient().commitBlockList(blockIds, true);
        } catch (BlobStorageException e) {
            if (BlobErrorCode.INVALID_BLOCK_LIST.equals(e.getErrorCode())) {
                throw new InvalidBlockListException(e.getServiceMessage());
            }
            throw new IOException(e.getServiceMessage(), e);
        }
        return properties(container, name).orElseThrow();
    }

    @Override
    public BlockList blockList(String container, String name) throws IOException {
        try {
            var list = blob(container, name, false).getBlockBlobClient().listBlocks(BlockListType.ALL);
            return new BlockList(list.getCommittedBlocks().stream().map(b -> new Block(b.getName(), b.getSizeLong())).toList(),
                    list.getUncommittedBlocks().stream().map(b -> new Block(b.getName(), b.getSizeLong())).toList());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return new BlockList(List.of(), List.of());
            }
            throw new IOException(e.getServiceMessage(), e);
        }
    }

    @Override
    public Optional<Properties> properties(String container, String name) throws IOException {
        try {
            BlobProperties p = blob(container, name, false).getProperties();
            return Optional.of(new Properties(p.getBlobSize(), p.getETag(), p.getLastModified().toInstant()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException(e.getServiceMessage(), e);
        }
    }

    @Override
    public InputStream openRead(String container, String name) throws IOException {
        try {
            return blob(container, name, false).openInputStream();
        } catch (BlobStorageException e) {
            throw new IOException(e.getServiceMessage(), e);
        }
    }

    @Override
    public Path localCopy(String container, String name) throws IOException {
        Properties props = properties(container, name).orElseThrow(() -> new NoSuchFileException(container + "/" + name));
        Path file = cache.resolve(container).resolve(name).normalize();
        if (!file.startsWith(cache)) {
            throw new IOException("blob path escapes the cache: " + name);
        }
        Path etagFile = file.resolveSibling("." + file.getFileName() + ".etag");
        if (Files.exists(file) && Files.exists(etagFile) && Files.readString(etagFile).equals(props.etag())) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            call(() -> blob(container, name, false).downloadToFile(temp.toString(), true));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(etagFile, props.etag());
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        call(() -> service.getBlobContainerClient(container).deleteIfExists());
        Path local = cache.resolve(container).normalize();
        if (local.startsWith(cache) && Files.exists(local)) {
            try (var walk = Files.walk(local)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private BlobClient blob(String container, String name, boolean create) {
        var client = service.getBlobContainerClient(container);
        if (create && !client.exists()) {
            try {
                client.create();
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(e.getErrorCode())) {
                    throw e;
                }
            }
        }
        return client.getBlobClient(name);
    }

    private static void call(Runnable operation) throws IOException {
        try {
            operation.run();
        } catch (BlobStorageException e) {
            throw new IOException(e.getServiceMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
