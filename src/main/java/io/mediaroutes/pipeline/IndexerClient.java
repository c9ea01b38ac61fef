package io.mediaroutes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.azure.AzureCloudProperties;
import io.mediaroutes.azure.AzureIdentity;
import io.mediaroutes.pipeline.config.DuplicatesProperties;
import io.mediaroutes.pipeline.config.IndexerProperties;
import io.mediaroutes.pipeline.config.VideoServiceProperties;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the Video Indexer routes (mediaroutes.video-service.api=videoindexer) need besides camel-http: the URLs of
 * each call, the account access token's cache, and the upload body, streamed from the file as multipart. The token
 * comes from the trial accounts' Authorization API (route indexer-token) or from ARM's generateAccessToken with the
 * app's Entra ID identity (route indexer-token-arm); either way it is kept until five minutes before it expires.
 */
@Component("indexer")
public class IndexerClient {

    private static final Logger LOG = LoggerFactory.getLogger(IndexerClient.class);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration UNKNOWN_TOKEN_LIFE = Duration.ofMinutes(50);

    private final Environment environment;
    private final IndexerProperties indexer;
    private final AzureIdentity identity;
    private final AzureCloudProperties cloud;
    private final ObjectMapper json;
    private final boolean preventDuplicates;
    private volatile String location;
    private volatile String accountId;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;
    private volatile String accessProblem;

    public IndexerClient(Environment environment, IndexerProperties indexer, VideoServiceProperties service,
            AzureIdentity identity, AzureCloudProperties cloud, ObjectMapper json, DuplicatesProperties duplicates) {
        if (service.api() == VideoServiceProperties.Api.VIDEOINDEXER) {
            List<String> missing = missingSettings(indexer);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("mediaroutes.video-service.api=videoindexer with mediaroutes.indexer.auth="
                        + (indexer.auth() == IndexerProperties.Auth.ARM ? "arm" : "api-key") + " needs " + String.join(", ", missing)
                        + (indexer.auth() == IndexerProperties.Auth.ARM ? " (the account's ARM id; see README, Azure)"
                                : " (for this app's own service, its mediaroutes.service.account-id and subscription-key,"
                                        + " which the embedded default passes on)"));
            }
        }
        this.environment = environment;
        this.indexer = indexer;
        this.identity = identity;
        this.cloud = cloud;
        this.json = json;
        this.preventDuplicates = duplicates.enabled();
        if (indexer.auth() == IndexerProperties.Auth.API_KEY) {
            this.location = indexer.location();
            this.accountId = indexer.accountId();
        }
    }

    private static List<String> missingSettings(IndexerProperties indexer) {
        List<String> missing = new ArrayList<>();
        if (indexer.auth() == IndexerProperties.Auth.ARM) {
            addIfBlank(missing, "mediaroutes.indexer.arm.subscription-id", indexer.arm().subscriptionId());
            addIfBlank(missing, "mediaroutes.indexer.arm.resource-group", indexer.arm().resourceGroup());
            addIfBlank(missing, "mediaroutes.indexer.arm.account-name", indexer.arm().accountName());
        } else {
            addIfBlank(missing, "mediaroutes.indexer.location", indexer.location());
            addIfBlank(missing, "mediaroutes.indexer.account-id", indexer.accountId());
            addIfBlank(missing, "mediaroutes.indexer.subscription-key", indexer.subscriptionKey());
        }
        return missing;
    }

    private static void addIfBlank(List<String> missing, String name, String value) {
        if (value.isBlank()) {
            missing.add(name);
        }
    }

    /** The cached account token, or null when a token route must fetch a new one. */
    public String cachedToken() {
        return Instant.now().isBefore(renewAt) ? token : null;
    }

    /**
     * Keeps a token a route fetched, until five minutes before its {@code exp} (both APIs issue JWTs; a token whose
     * expiry can't be read is kept 50 minutes, Video Indexer's hour less ten).
     */
    public String keepToken(String fetched) {
        Instant expires = expiry(fetched);
        token = fetched;
        renewAt = expires == null ? Instant.now().plus(UNKNOWN_TOKEN_LIFE) : expires.minus(RENEW_BEFORE_EXPIRY);
        accessProblem = null;
        return fetched;
    }

    private Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            JsonNode exp = json.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
            return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (Exception notAJwt) {
            return null;
        }
    }

    /** Get Account Access Token, as a Contributor (trial accounts). */
    public String tokenUrl() {
        return url("auth", location, "Accounts", accountId, "AccessToken").addParameter("allowEdit", "true").toString();
    }

    /** The key Get Account Access Token is asked with (header Ocp-Apim-Subscription-Key). */
    public String subscriptionKey() {
        return indexer.subscriptionKey();
    }

    /** ARM's Get Account: the account's data-plane id and location, read once. */
    public String armAccountUrl() {
        return armUrl("");
    }

    /** ARM's generateAccessToken for the account. */
    public String armTokenUrl() {
        return armUrl("/generateAccessToken");
    }

    private String armUrl(String action) {
        String base = cloud.resourceManager().toString().replaceAll("/+$", "");
        return base + indexer.arm().resourceId() + action + "?api-version=" + indexer.arm().apiVersion();
    }

    /** Whether the account's id and location are still to be read from ARM. */
    public boolean needsAccount() {
        return accountId == null;
    }

    /** Keeps the account's data-plane id and location from ARM's answer ({@code properties.accountId}, {@code location}). */
    public void keepAccount(Map<String, Object> account) {
        Object properties = account.get("properties");
        Object id = properties instanceof Map<?, ?> map ? map.get("accountId") : null;
        if (!(id instanceof String) || !(account.get("location") instanceof String)) {
            throw new IllegalStateException("ARM's answer for " + indexer.arm().resourceId() + " has no properties.accountId or location");
        }
        location = (String) account.get("location");
        accountId = (String) id;
        LOG.info("Video Indexer account {} is {} in {}", indexer.arm().accountName(), accountId, location);
    }

    /** The Authorization header for ARM: a token Entra ID issues to the app's identity (DefaultAzureCredential). */
    public String armAuthorization() {
        try {
            return identity.resourceManagerAuthorization();
        } catch (RuntimeException e) {
            throw refused("Entra ID issued no token for Azure Resource Manager (" + cloud.resourceManager() + "): " + firstLine(e)
                    + ". DefaultAzureCredential tries in turn AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET (or"
                    + " AZURE_CLIENT_CERTIFICATE_PATH), workload identity, a managed identity, the Azure CLI", e);
        }
    }

    /**
     * An ARM call that failed: 401, 403 and 404 say what the identity or the settings lack, as an
     * {@link IndexerAccessException}; anything else (429, 5xx) is thrown as it came, for the retries.
     */
    public void armFailed(Exception failure) throws Exception {
        if (!(failure instanceof HttpOperationFailedException http)) {
            throw failure;
        }
        String resource = indexer.arm().resourceId();
        String arm = armError(http.getResponseBody());
        throw switch (http.getStatusCode()) {
            case 401 -> refused("ARM did not accept the Entra ID token for " + resource + " (" + arm + "): the identity's token is"
                    + " expired or for another tenant or cloud (mediaroutes.azure-cloud)", http);
            case 403 -> refused("ARM refused " + resource + " (" + arm + "): give the app's identity the role Contributor on that"
                    + " Video Indexer account (it needs Microsoft.VideoIndexer/accounts/read and"
                    + " Microsoft.VideoIndexer/accounts/generateAccessToken/action)", http);
            case 404 -> refused("ARM has no Video Indexer account " + resource + " (" + arm + "): check"
                    + " mediaroutes.indexer.arm.subscription-id, resource-group and account-name", http);
            default -> http;
        };
    }

    /**
     * Upload Video answered 409 to {@code preventDuplicates}: Video Indexer indexed these bytes before, in a video this
     * pipeline has no job for (its own check finds the ones it made first), so there are no insights to deliver under
     * this drop's name. Thrown as a failure that is not retried.
     */
    public void alreadyIndexed(HttpOperationFailedException conflict) {
        throw new IllegalStateException("Video Indexer already indexed these bytes (preventDuplicates: " + conflict.getResponseBody()
                + "), in a video this pipeline did not make; set mediaroutes.duplicates.enabled=false to index them again");
    }

    /** What the app's identity lacks, for /actuator/health; null since the last token came. */
    public String accessProblem() {
        return accessProblem;
    }

    private IndexerAccessException refused(String problem, Throwable cause) {
        accessProblem = problem;
        return new IndexerAccessException(problem, cause);
    }

    /** ARM's error answer ({"error":{"code","message"}}) as "code: message". */
    private String armError(String body) {
        try {
            JsonNode error = json.readTree(body == null ? "" : body).path("error");
            return error.path("code").asText("no error code") + ": " + error.path("message").asText("");
        } catch (Exception notJson) {
            return "no ARM error in the answer";
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
        if (preventDuplicates) { // Video Indexer's own check (Nov. 2023): bytes it indexed before get a 409
            uri.addParameter("preventDuplicates", "true");
        }
        // read per call, as the service's URL below: its default names this app's port, known once the server runs
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
