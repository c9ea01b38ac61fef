package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.IndexerProperties;
import io.mediaroutes.pipeline.config.VideoServiceProperties;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the Video Indexer routes (mediaroutes.video-service.api=videoindexer) need besides camel-http: the URLs of
 * each call, the account access token's cache (the indexer-token route fetches it; it is renewed ten minutes
 * before its hour is up), and the upload body, streamed from the file as multipart.
 */
@Component("indexer")
public class IndexerClient {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(50);

    private final Environment environment;
    private final String location;
    private final String accountId;
    private final String subscriptionKey;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    public IndexerClient(Environment environment, IndexerProperties indexer, VideoServiceProperties service) {
        if (service.api() == VideoServiceProperties.Api.VIDEOINDEXER
                && (indexer.location().isBlank() || indexer.accountId().isBlank() || indexer.subscriptionKey().isBlank())) {
            throw new IllegalStateException("mediaroutes.video-service.api=videoindexer needs the account: set "
                    + "mediaroutes.indexer.location, mediaroutes.indexer.account-id and mediaroutes.indexer.subscription-key"
                    + " (for this app's own service, its mediaroutes.service.account-id and subscription-key, which the"
                    + " embedded default passes on)");
        }
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
    public String tokenUrl() {
        return url("auth", location, "Accounts", accountId, "AccessToken").addParameter("allowEdit", "true").toString();
    }

    /** The key Get Account Access Token is asked with (header Ocp-Apim-Subscription-Key). */
    public String subscriptionKey() {
        return subscriptionKey;
    }

    /** The Upload Video URL for a job: by its bytes, or by a URL the service fetches (a blob's SAS URL). */
    public String uploadUrl(Job job, String videoUrl, String token) {
        String name = job.name();
        URIBuilder uri = url(location, "Accounts", accountId, "Videos").addParameter("accessToken", token)
                .addParameter("name", name.length() <= 80 ? name : name.substring(0, 80)).addParameter("privacy", "Private")
                .addParameter("externalId", job.id());
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
    public String indexUrl(Job job, String token) {
        return url(location, "Accounts", accountId, "Videos", job.videoId(), "Index")
                .addParameter("accessToken", token).toString();
    }

    /** The file as a multipart body that the HTTP client streams from disk. */
    public HttpEntity multipart(Job job) {
        Path file = Path.of(job.path());
        return MultipartEntityBuilder.create()
                .addBinaryBody("file", file.toFile(), ContentType.APPLICATION_OCTET_STREAM, file.getFileName().toString())
                .build();
    }

    /**
     * The service's URL plus path segments, each encoded. mediaroutes.video-service.url is resolved per call: with a
     * random port, this app's own service's URL is known only once the server runs.
     */
    private URIBuilder url(String... segments) {
        try {
            URIBuilder uri = new URIBuilder(environment.getRequiredProperty("mediaroutes.video-service.url"));
            return uri.appendPathSegments(segments);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("mediaroutes.video-service.url is not a URL", e);
        }
    }
}
