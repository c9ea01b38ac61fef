package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mediaroutes.Azurite;
import io.mediaroutes.pipeline.config.UploadProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The uploader against Azurite, Microsoft's emulator of Azure Storage: a file in index-named blocks, and an
 * upload resumed after a crash sending only the blocks the blob does not hold yet.
 */
class BlobUploaderTest {

    static final int BLOCK = 256 * 1024;
    static Azurite azurite;
    static BlobContainerClient container;

    final BlobUploader uploader = new BlobUploader(new UploadProperties(DataSize.ofBytes(BLOCK), 4, UploadProperties.InputEncryption.NONE),
            null, new PipelineMetrics(new SimpleMeterRegistry(), null));

    @TempDir
    Path dir;

    @BeforeAll
    static void startAzurite() throws IOException {
        azurite = Azurite.start();
        container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient().createBlobContainer("uploads");
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void aFileGoesInBlocksNamedByTheirIndexAndArrivesByteForByte() throws IOException {
        byte[] video = random(4 * BLOCK + 123);
        BlobClient blob = container.getBlobClient("whole.mp4");

        uploader.upload(file(video), uploadUri(blob));

        assertThat(blob.downloadContent().toBytes()).isEqualTo(video);
        assertThat(blob.getBlockBlobClient().listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).extracting(Block::getName)
                .containsExactly(BlobUploader.blockId(0), BlobUploader.blockId(1), BlobUploader.blockId(2), BlobUploader.blockId(3),
                        BlobUploader.blockId(4));
    }

    @Test
    void aResumedUploadSendsOnlyTheBlocksTheBlobDoesNotHoldYet() throws IOException {
        byte[] video = random(4 * BLOCK + 123);
        BlobClient blob = container.getBlobClient("resumed.mp4");
        // what a killed upload left: blocks 0 and 1 whole, block 2 cut short. Zeros, unlike the file: a block
        // sent again would show as the file's bytes.
        byte[] zeros = new byte[BLOCK];
        blob.getBlockBlobClient().stageBlock(BlobUploader.blockId(0), new ByteArrayInputStream(zeros), BLOCK);
        blob.getBlockBlobClient().stageBlock(BlobUploader.blockId(1), new ByteArrayInputStream(zeros), BLOCK);
        blob.getBlockBlobClient().stageBlock(BlobUploader.blockId(2), new ByteArrayInputStream(zeros, 0, BLOCK / 2), BLOCK / 2);

        uploader.upload(file(video), uploadUri(blob));

        byte[] uploaded = blob.downloadContent().toBytes();
        assertThat(uploaded).hasSize(video.length);
        assertThat(Arrays.copyOfRange(uploaded, 0, 2 * BLOCK)).as("blocks 0 and 1: kept, not sent again").isEqualTo(new byte[2 * BLOCK]);
        assertThat(Arrays.copyOfRange(uploaded, 2 * BLOCK, video.length)).as("block 2 (cut short) and the rest: sent")
                .isEqualTo(Arrays.copyOfRange(video, 2 * BLOCK, video.length));
    }

    @Test
    void aFileOfOneBlockOrLessIsOnePutBlob() throws IOException {
        byte[] video = random(BLOCK);
        BlobClient blob = container.getBlobClient("small.mp4");

        uploader.upload(file(video), uploadUri(blob));

        assertThat(blob.downloadContent().toBytes()).isEqualTo(video);
        assertThat(blob.getBlockBlobClient().listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).isEmpty();
    }

    @Test
    void blockIdsHaveOneLengthAsAzureRequires() {
        assertThat(BlobUploader.blockId(0)).hasSameSizeAs(BlobUploader.blockId(49_999));
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "drop", ".mp4"), bytes);
    }

    /** A write SAS for the blob, as the Connector's UploadUri is. */
    private static String uploadUri(BlobClient blob) {
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobSasPermission().setReadPermission(true).setWritePermission(true).setCreatePermission(true)));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
