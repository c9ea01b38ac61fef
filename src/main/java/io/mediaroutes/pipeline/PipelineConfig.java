package io.mediaroutes.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The few objects the routes refer to by name that are not beans of ours. */
@Configuration
public class PipelineConfig {

    /** Each drop is taken once, across restarts and instances: the keys live in the database. */
    @Bean
    JdbcMessageIdRepository dropRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "drop");
        repository.setCreateTableIfNotExists(false); // Flyway creates CAMEL_MESSAGEPROCESSED
        return repository;
    }

    /** The drop and out folders exist from the first start, so a user sees where to put videos. */
    @Bean
    Path[] pipelineFolders(@Value("${mediaroutes.drop.dir}") Path drop, @Value("${mediaroutes.out.dir}") Path out)
            throws IOException {
        return new Path[] {Files.createDirectories(drop), Files.createDirectories(out)};
    }
}
