package io.mediaroutes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One app, two roles: the Camel pipeline (routes/) and the embedded video service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaRoutesApplication {
    public static void main(String[] args) {
        SpringApplication.run(MediaRoutesApplication.class, args);
    }
}
