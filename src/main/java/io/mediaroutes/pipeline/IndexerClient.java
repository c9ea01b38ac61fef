package io.mediaroutes.pipeline;

import io.mediaroutes.config.ServiceProperties;
import io.mediaroutes.config.IndexerProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the routes need to drive a Video Indexer account (mediaroutes.service.api=videoindexer): an account
 * access token, fetched with the subscription key, cached and renewed ten minutes before its hour is up;
 * the upload URL with its query string; and the upload body, streamed from the file as multipart.
 */
@Component("indexer")
public class IndexerClient {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(50);

    private final Environment environment;
    private final String location;
    private volatile String accountId;
    private volatile String subscriptionKey;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public IndexerClient(Environment environment, IndexerProperties indexer, ServiceProperties service) {
        this.dataDir = service.dataDir();
        this.environment = environment;
        this.location = indexer.location();
        this.accountId = indexer.accountId();
        this.subscriptionKey = indexer.subscriptionKey();
    }

    /** Resolved per call: with a random port, the embedded service's URL is known only once the server runs. */
    private String url() {
        return environment.getRequiredProperty("mediaroutes.service.url");
    }

    /** Where Video Indexer calls back when indexing ends (the indexer-callback route); empty: poll only. */
    private String callbackUrl() {
        return environment.getProperty("mediaroutes.indexer.callback-url", "");
    }

    /** A Contributor account token, from the cache while it has ten minutes left. */
    public synchronized String token() throws IOException {
        if (token == null || Instant.now().isAfter(renewAt)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/auth/" + location + "/Accounts/"
                        + accountId() + "/AccessToken?allowEdit=true")).header("Ocp-Apim-Subscription-Key", subscriptionKey()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("Video Indexer refused an access token: HTTP " + response.statusCode() + " " + response.body());
                }
                token = json.readValue(response.body(), String.class);
                renewAt = Instant.now().plus(TOKEN_LIFE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return token;
    }

    /** The Upload Video URL for a job: by its bytes, or by a URL the service fetches (a blob's SAS URL). */
    public String uploadUrl(Map<String, Object> job, String videoUrl) throws IOException {
        String name = (String) job.get("name");
        return url() + "/" + location + "/Accounts/" + accountId() + "/Videos?accessToken=" + encode(token())
                + "&name=" + encode(name.length() <= 80 ? name : name.substring(0, 80)) + "&privacy=Private"
                + "&externalId=" + encode((String) job.get("id")) + (videoUrl == null ? "" : "&videoUrl=" + encode(videoUrl))
                + (callbackUrl().isBlank() ? "" : "&callbackUrl=" + encode(callbackUrl()));
    }

    /** Get Video Index for a job's video. */
    public String indexUrl(Map<String, Object> job) throws IOException {
        return url() + "/" + location + "/Accounts/" + accountId() + "/Videos/" + job.get("videoId") + "/Index?accessToken=" + encode(token());
    }

    /** The file as a multipart body that the HTTP client streams from disk. */
    public HttpEntity multipart(Map<String, Object> job) {
        Path file = Path.of((String) job.get("path"));
        return MultipartEntityBuilder.create()
                .addBinaryBody("file", file.toFile(), ContentType.APPLICATION_OCTET_STREAM, file.getFileName().toString())
                .build();
    }

    private String accountId() throws IOException {
        if (accountId.isBlank()) {
            accountId = readEmbedded("indexer-account-id"); // once: the embedded account never changes
        }
        return accountId;
    }

    private String subscriptionKey() throws IOException {
        if (subscriptionKey.isBlank()) {
            subscriptionKey = readEmbedded("indexer-subscription-key");
        }
        return subscriptionKey;
    }

    /** The embedded service keeps its generated account under its data folder: the pipeline beside it reads it. */
    private String readEmbedded(String name) throws IOException {
        return Files.readString(dataDir.resolve(name)).strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
