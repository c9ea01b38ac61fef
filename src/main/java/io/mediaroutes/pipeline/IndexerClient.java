package io.mediaroutes.pipeline;

import io.mediaroutes.config.IndexerProperties;
import io.mediaroutes.config.ServiceProperties;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the Video Indexer routes (mediaroutes.service.api=videoindexer) need besides camel-http: the URLs of
 * each call, the account access token's cache (the indexer-token route fetches it; it is renewed ten minutes
 * before its hour is up), and the upload body, streamed from the file as multipart.
 */
@Component("indexer")
public class IndexerClient {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(50);

    private final Environment environment;
    private final String location;
    private volatile String accountId;
    private volatile String subscriptionKey;
    private final Path dataDir;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    public IndexerClient(Environment environment, IndexerProperties indexer, ServiceProperties service) {
        this.dataDir = service.dataDir();
        this.environment = environment;
        this.location = indexer.location();
        this.accountId = indexer.accountId();
        this.subscriptionKey = indexer.subscriptionKey();
    }

    /** The cached account token, or null when the indexer-token route must fetch a new one. */
    public String cachedToken() {
        return Instant.now().isBefore(renewAt) ? token : null;
    }

    /** Keeps a token the indexer-token route fetched (Get Account Access Token answers a JSON string). */
    public String keepToken(String fetched) {
        token = fetched;
        renewAt = Instant.now().plus(TOKEN_LIFE);
        return fetched;
    }

    /** Get Account Access Token, as a Contributor. */
    public String tokenUrl() throws IOException {
        return url("auth", location, "Accounts", accountId(), "AccessToken").addParameter("allowEdit", "true").toString();
    }

    /** The key Get Account Access Token is asked with (header Ocp-Apim-Subscription-Key). */
    public String subscriptionKey() throws IOException {
        if (subscriptionKey.isBlank()) {
            subscriptionKey = readEmbedded("indexer-subscription-key");
        }
        return subscriptionKey;
    }

    /** The Upload Video URL for a job: by its bytes, or by a URL the service fetches (a blob's SAS URL). */
    public String uploadUrl(Map<String, Object> job, String videoUrl, String token) throws IOException {
        String name = (String) job.get("name");
        URIBuilder uri = url(location, "Accounts", accountId(), "Videos").addParameter("accessToken", token)
                .addParameter("name", name.length() <= 80 ? name : name.substring(0, 80)).addParameter("privacy", "Private")
                .addParameter("externalId", (String) job.get("id"));
        if (videoUrl != null) {
            uri.addParameter("videoUrl", videoUrl);
        }
        String callbackUrl = environment.getProperty("mediaroutes.indexer.callback-url", "");
        if (!callbackUrl.isBlank()) {
            uri.addParameter("callbackUrl", callbackUrl);
        }
        return uri.toString();
    }

    /** Get Video Index for a job's video. */
    public String indexUrl(Map<String, Object> job, String token) throws IOException {
        return url(location, "Accounts", accountId(), "Videos", (String) job.get("videoId"), "Index")
                .addParameter("accessToken", token).toString();
    }

    /** The file as a multipart body that the HTTP client streams from disk. */
    public HttpEntity multipart(Map<String, Object> job) {
        Path file = Path.of((String) job.get("path"));
        return MultipartEntityBuilder.create()
                .addBinaryBody("file", file.toFile(), ContentType.APPLICATION_OCTET_STREAM, file.getFileName().toString())
                .build();
    }

    /**
     * The service's URL plus path segments, each encoded. mediaroutes.service.url is resolved per call: with a
     * random port, the embedded service's URL is known only once the server runs.
     */
    private URIBuilder url(String... segments) {
        try {
            URIBuilder uri = new URIBuilder(environment.getRequiredProperty("mediaroutes.service.url"));
            return uri.appendPathSegments(segments);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("mediaroutes.service.url is not a URL", e);
        }
    }

    private String accountId() throws IOException {
        if (accountId.isBlank()) {
            accountId = readEmbedded("indexer-account-id"); // once: the embedded account never changes
        }
        return accountId;
    }

    /** The embedded service keeps its generated account under its data folder: the pipeline beside it reads it. */
    private String readEmbedded(String name) throws IOException {
        return Files.readString(dataDir.resolve(name)).strip();
    }
}
