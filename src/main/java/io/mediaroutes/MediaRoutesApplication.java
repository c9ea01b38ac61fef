package io.mediaroutes;

import io.mediaroutes.media.SampleClip;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One app, two roles: the Camel pipeline (routes/) and the embedded video service; {@code sample-clip} makes a demo video. */
// No WebClient here: Reactor Netty is on the classpath for the Azure SDK, and this auto-configuration would start
// Reactor's shared resources for it (Netty's classes loaded at start, bench/startup). No RabbitMQ connection factory
// either: the rabbitmq-sink Kamelet makes its own, and Spring's, made at every start even unused, loaded 500 classes
// and initialized the JDK's default SSL context. No @Bean method of ours calls another, so no configuration class
// needs a CGLIB subclass (proxyBeanMethods = false): none is generated at start.
@SpringBootApplication(exclude = {ClientHttpConnectorAutoConfiguration.class, RabbitAutoConfiguration.class}, proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaRoutesApplication {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sample-clip")) { // a demo clip, no app: see README
            SampleClip.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        StartupClasses.preload(MediaRoutesApplication.class.getClassLoader());
        SpringApplication.run(MediaRoutesApplication.class, args);
    }
}
