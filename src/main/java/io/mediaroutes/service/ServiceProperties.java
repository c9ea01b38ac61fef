package io.mediaroutes.service;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The embedded service's settings ({@code mediaroutes.service.*}).
 *
 * @param signingKey   HMAC key for UploadUris and tokens; empty = generated once and kept in {@code dataDir}
 * @param uploadUriTtl how long an UploadUri accepts writes
 * @param dataDir      where the service keeps generated secrets
 * @param maxJsonSize  the largest JSON body an API call may carry (413 beyond)
 * @param maxUploadSize the largest body one upload request (Put Blob, Put Block) may carry (413 beyond)
 * @param processing   the processing queue
 */
@ConfigurationProperties("mediaroutes.service")
public record ServiceProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue("24h") Duration uploadUriTtl,
        @DefaultValue("data") Path dataDir,
        @DefaultValue("64KB") DataSize maxJsonSize,
        @DefaultValue("10GB") DataSize maxUploadSize,
        @DefaultValue Processing processing) {

    /**
     * @param enabled     false leaves videos queued (useful to inspect or to test restarts)
     * @param concurrency jobs at once; 0 = one per core
     * @param timeout     longest a single ffmpeg step may run
     */
    public record Processing(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0") int concurrency,
            @DefaultValue("1h") Duration timeout) {

        /** Where jobs unpack their work; cleaned after each job. */
        public Path workDir(Path dataDir) {
            return dataDir.resolve("work");
        }

        public int threads() {
            return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        }
    }
}
