package io.mediaroutes.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.beans.factory.annotation.Value;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;

/** The few objects the routes refer to by name that are not beans of ours. */
@Configuration
public class PipelineConfig {

    /**
     * Each drop is taken once, across restarts and instances: the keys live in the database. When two instances
     * add one key at the same moment, the primary key lets one win; the other is told "already taken".
     */
    @Bean
    JdbcMessageIdRepository dropRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "drop") {
            @Override
            public boolean add(String key) {
                try {
                    return super.add(key);
                } catch (DuplicateKeyException takenByAnotherInstance) {
                    return false;
                }
            }
        };
        repository.setCreateTableIfNotExists(false); // Flyway creates CAMEL_MESSAGEPROCESSED
        return repository;
    }

    /**
     * The pipeline's Azure Blob account (blob drop, blob sink), from mediaroutes.azure.connection-string
     * (Azurite: UseDevelopmentStorage=true). Camel's blob endpoints use it as serviceClient=#blobServiceClient.
     */
    @Bean
    @ConditionalOnExpression("!'${mediaroutes.azure.connection-string:}'.isBlank()")
    BlobServiceClient blobServiceClient(@Value("${mediaroutes.azure.connection-string}") String connectionString) {
        return new BlobServiceClientBuilder().connectionString(connectionString).buildClient();
    }

    /** The drop and out folders exist from the first start, so a user sees where to put videos. */
    @Bean
    Path[] pipelineFolders(@Value("${mediaroutes.drop.dir}") Path drop, @Value("${mediaroutes.out.dir}") Path out)
            throws IOException {
        return new Path[] {Files.createDirectories(drop), Files.createDirectories(out)};
    }
}
