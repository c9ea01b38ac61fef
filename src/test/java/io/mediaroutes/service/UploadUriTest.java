package io.mediaroutes.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The UploadUri speaks enough of the Azure Blob protocol for the Azure SDK and for curl, and checks its signature. */
class UploadUriTest extends AppTest {

    @Autowired
    BlobStore blobs;
    @Autowired
    UploadUris uploadUris;
    @Autowired
    VideoRepository videos;

    @Test
    void theAzureSdkUploadsAMultiBlockFileByteForByte() throws Exception {
        JsonNode video = createVideo("big.mp4");
        Path file = randomFile(home().resolve("big.bin"), 9 * 1024 * 1024 + 123);
        BlobClient blob = new BlobClientBuilder().endpoint(video.get("UploadUri").asText()).buildClient();

        blob.uploadFromFile(file.toString(), new ParallelTransferOptions().setBlockSizeLong(2L * 1024 * 1024)
                .setMaxSingleUploadSizeLong(2L * 1024 * 1024).setMaxConcurrency(4), null, null, null, null, null);

        Video stored = videos.find(video.get("Id").asText()).orElseThrow();
        try (InputStream in = blobs.openRead(stored.container(), stored.fileName())) {
            assertThat(sha256(in)).isEqualTo(sha256(Files.newInputStream(file)));
        }
        BlockBlobClient blocks = blob.getBlockBlobClient();
        assertThat(blocks.listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).hasSize(5);
        assertThat(blob.getProperties().getBlobSize()).isEqualTo(Files.size(file));
    }

    @Test
    void stagedBlocksAreListedUntilCommitted() throws Exception {
        JsonNode video = createVideo("staged.mp4");
        BlockBlobClient blocks = new BlobClientBuilder().endpoint(video.get("UploadUri").asText()).buildClient().getBlockBlobClient();
        String first = Base64.getEncoder().encodeToString("block-1".getBytes(StandardCharsets.UTF_8));
        String second = Base64.getEncoder().encodeToString("block-2".getBytes(StandardCharsets.UTF_8));

        blocks.stageBlock(second, new ByteArrayInputStream("world".getBytes()), 5);
        blocks.stageBlock(first, new ByteArrayInputStream("hello ".getBytes()), 6);
        assertThat(blocks.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks()).hasSize(2);

        blocks.commitBlockList(List.of(first, second), true);
        Video stored = videos.find(video.get("Id").asText()).orElseThrow();
        try (InputStream in = blobs.openRead(stored.container(), stored.fileName())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        }
        assertThat(blocks.listBlocks(BlockListType.ALL).getUncommittedBlocks()).isEmpty();
    }

    @Test
    void curlPutBlobWorks() throws Exception {
        JsonNode video = createVideo("curl.mp4");
        Path file = randomFile(home().resolve("curl.bin"), 1024 * 1024);

        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T", file.toString(),
                "-H", "x-ms-blob-type: BlockBlob", video.get("UploadUri").asText()).start();
        String status = new String(curl.getInputStream().readAllBytes()).strip();
        assertThat(curl.waitFor()).isZero();

        assertThat(status).isEqualTo("201");
        Video stored = videos.find(video.get("Id").asText()).orElseThrow();
        assertThat(blobs.properties(stored.container(), stored.fileName()).orElseThrow().size()).isEqualTo(Files.size(file));
    }

    @Test
    void putBlobWithoutBlobTypeIsRejected() throws Exception {
        JsonNode video = createVideo("typeless.mp4");
        HttpResponse<String> response = put(video.get("UploadUri").asText(), "x", false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-ms-error-code")).contains("MissingRequiredHeader");
    }

    @Test
    void tamperedExpiredAndOtherBlobSignaturesAre403WithAzureXml() throws Exception {
        JsonNode video = createVideo("guarded.mp4");
        String uri = video.get("UploadUri").asText();
        Video stored = videos.find(video.get("Id").asText()).orElseThrow();
        String expired = uploadUris.create("http://127.0.0.1:" + port, stored.container(), stored.fileName(),
                Instant.now().minusSeconds(5));
        String otherBlob = uri.replace(stored.fileName(), "other.mp4");

        for (String bad : List.of(uri.replace("sig=", "sig=x"), uri.replace("sp=cw", "sp=rcw"), expired, otherBlob)) {
            HttpResponse<String> response = put(bad, "bytes", true);
            assertThat(response.statusCode()).as(bad).isEqualTo(403);
            assertThat(response.headers().firstValue("x-ms-error-code")).contains("AuthenticationFailed");
            assertThat(response.body()).startsWith("<?xml").contains("<Error><Code>AuthenticationFailed</Code><Message>");
        }
        assertThat(put(expired, "bytes", true).body()).contains("must be after current time");
    }

    @Test
    void afterMarkCompleteTheUploadUriNoLongerTakesWrites() throws Exception {
        JsonNode video = createVideo("sealed.mp4");
        String uri = video.get("UploadUri").asText();
        assertThat(put(uri, "bytes", true).statusCode()).isEqualTo(201);
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/Videos/" + video.get("Id").asText()
                + "/MarkComplete")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> response = put(uri, "more bytes", true);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("marked complete");
    }

    private JsonNode createVideo(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/Videos"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"OriginalFileName\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> put(String uri, String body, boolean blobType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (blobType) {
            request.header("x-ms-blob-type", "BlockBlob");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path randomFile(Path file, int size) throws Exception {
        Random random = new Random(size);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
        return file;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
