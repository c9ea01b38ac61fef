package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.OutProperties;
import io.mediaroutes.pipeline.config.DropProperties;
import io.mediaroutes.pipeline.config.DeliverProperties;
import io.mediaroutes.pipeline.config.RetryProperties;
import io.mediaroutes.pipeline.config.AzureProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import io.mediaroutes.azure.AzureIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline half: the beans the routes call, and the few objects the routes refer to by name that are not beans
 * of ours. Off with {@code mediaroutes.pipeline.enabled=false} (a service alone, profile service), and then none of
 * it is made and no route is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mediaroutes.pipeline.enabled", havingValue = "true", matchIfMissing = true)
@ComponentScan
@ConfigurationPropertiesScan
public class PipelineConfig {

    /** Each drop is taken once, across restarts and instances: see DropRepository. */
    @Bean
    DropRepository dropRepository(DataSource dataSource) {
        return new DropRepository(dataSource);
    }

    /**
     * The pipeline's Azure Blob account (blob drop, blob sink): mediaroutes.azure.connection-string (Azurite:
     * UseDevelopmentStorage=true), or mediaroutes.azure.blob-endpoint with the app's Entra ID identity. Camel's blob
     * endpoints use it as serviceClient=#blobServiceClient.
     */
    @Bean
    @ConditionalOnExpression("!'${mediaroutes.azure.connection-string:}'.isBlank() or !'${mediaroutes.azure.blob-endpoint:}'.isBlank()")
    BlobServiceClient blobServiceClient(AzureProperties azure, AzureIdentity identity) {
        return identity.blobService(azure.connectionString(), azure.blobEndpoint(),
                "mediaroutes.azure.connection-string or mediaroutes.azure.blob-endpoint");
    }

    /** The Storage Queue account Event Grid delivers the blob drop's events to (discover-by: events). */
    @Bean
    @ConditionalOnProperty(name = "mediaroutes.blob-drop.discover-by", havingValue = "events")
    QueueServiceClient queueServiceClient(AzureProperties azure, AzureIdentity identity) {
        return identity.queueService(azure.connectionString(), azure.queueEndpoint(),
                "mediaroutes.azure.connection-string or mediaroutes.azure.queue-endpoint");
    }

    /**
     * How a transient failure of an ingest step is tried again: {@code mediaroutes.retry.max-attempts} tries, waits
     * doubling from {@code initial-delay} to {@code max-delay}; a Retry-After wins (RetryPolicy). Used by the
     * ingest-errors route configuration.
     */
    @Bean
    RedeliveryPolicy transientRedelivery(RetryProperties retry) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(retry.maxAttempts() - 1);
        policy.setRedeliveryDelay(retry.initialDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setMaximumRedeliveryDelay(retry.maxDelay().toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryStackTrace(false);
        policy.setLogStackTrace(false);
        policy.setLogExhausted(false); // the reject route says what failed
        return policy;
    }

    /** A sink's quick retries before its delivery waits for the next poll: {@code mediaroutes.deliver.sink-retries}. */
    @Bean
    RedeliveryPolicy sinkRedelivery(DeliverProperties deliver) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(deliver.sinkRetries());
        policy.setRedeliveryDelay(500);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogRetryStackTrace(false);
        policy.setLogExhausted(false);
        return policy;
    }

    /** The sink Kamelets come from mediaroutes.deliver.kamelets (no Spring Boot starter binds camel.component.kamelet.*). */
    @Bean
    ComponentCustomizer kameletLocation(DeliverProperties deliver) {
        return ComponentCustomizer.forType(KameletComponent.class, kamelet -> kamelet.setLocation(deliver.kamelets()));
    }

    /** The drop and out folders exist from the first start, so a user sees where to put videos. */
    @Bean
    Path[] pipelineFolders(DropProperties drop, OutProperties out) throws IOException {
        return new Path[] {Files.createDirectories(drop.dir()), Files.createDirectories(out.dir())};
    }
}
