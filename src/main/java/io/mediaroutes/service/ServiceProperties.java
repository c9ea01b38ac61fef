package io.mediaroutes.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The video service's settings ({@code mediaroutes.service}): the Connector and Video Indexer APIs this app serves.
 *
 * @param enabled       false: this app serves no video API (a pipeline alone, profiles pipeline and azure)
 * @param callbackUrl   where the end of every video's processing is POSTed ({@code ?id=...&state=Processed|Failed},
 *                      Video Indexer's callback shape), unless the video was uploaded with a callbackUrl of its own;
 *                      empty: nowhere
 * @param signingKey    HMAC key for UploadUris and tokens; empty = generated once and kept in {@code dataDir}
 * @param maxJsonSize   the largest JSON body an API call may carry (413 beyond)
 * @param maxUploadSize the largest body one upload request (Put Blob, Put Block, a videoUrl download) may carry
 */
@Validated
@ConfigurationProperties("mediaroutes.service")
public record ServiceProperties(
        boolean enabled,
        @NotNull String callbackUrl,
        @NotBlank String location,
        @NotNull String accountId,
        @NotNull String subscriptionKey,
        @NotNull Path dataDir,
        @NotNull String signingKey,
        @NotNull Duration uploadUriTtl,
        @NotNull Duration accessTokenTtl,
        @NotNull Duration keyTokenTtl,
        @NotNull DataSize maxJsonSize,
        @NotNull DataSize maxUploadSize,
        @Valid @NotNull Auth auth,
        @Valid @NotNull Fetch fetch,
        @Valid @NotNull RateLimit rateLimit,
        @Valid @NotNull Processing processing,
        @Valid @NotNull Faults faults) {

    /** A credential on /api/** and /media/**: the api-key header (role Contributor) or a bearer token. */
    public record Auth(boolean required, @NotNull String apiKey) {}

    /**
     * videoUrl downloads and callbackUrl calls. {@code allow} names this app's port, so OutboundHttp reads it per
     * call.
     */
    public record Fetch(@NotNull String allow, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
            @NotNull Duration deadline) {}

    /** Video Indexer's limits, per account. */
    public record RateLimit(@Min(1) int perSecond, @Min(1) int perMinute) {}

    /**
     * @param enabled      false leaves videos queued (to inspect, or to test restarts)
     * @param concurrency  jobs at once; 0 = one per core
     * @param timeout      longest a single ffmpeg step may run
     * @param pollInterval ms between looks for queued videos
     */
    public record Processing(boolean enabled, @Min(0) int concurrency, @NotNull Duration timeout, @Min(10) long pollInterval) {

        /** Where jobs unpack their work; cleaned after each job. */
        public Path workDir(Path dataDir) {
            return dataDir.resolve("work");
        }

        public int threads() {
            return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        }
    }

    /** Fault injection, to prove the pipeline's resilience; rate 0 = off. */
    public record Faults(@DecimalMin("0") @DecimalMax("1") double rate, @NotNull String kinds, @Min(0) long slowMs, long seed) {}
}
