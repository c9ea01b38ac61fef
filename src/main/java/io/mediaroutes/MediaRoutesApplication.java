package io.mediaroutes;

import io.mediaroutes.azure.AzureIdentity;
import io.mediaroutes.cluster.Leases;
import io.mediaroutes.media.SampleClip;
import io.mediaroutes.pipeline.PipelineConfig;
import io.mediaroutes.security.ManagementLogin;
import io.mediaroutes.service.ServiceConfig;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The two halves, each on unless turned off: the pipeline (Camel routes from routes/, {@link PipelineConfig}) and the
 * video service ({@link ServiceConfig}); they share the management login, the cluster's leases and the Azure identity. {@code
 * sample-clip} makes a demo video instead.
 */
// No WebClient (Reactor Netty is here for the Azure SDK; WebClient's auto-configuration would start Reactor's shared
// resources) and no Spring RabbitMQ connection factory (the rabbitmq-sink Kamelet makes its own).
@SpringBootApplication(scanBasePackageClasses = {ManagementLogin.class, Leases.class, AzureIdentity.class},
        exclude = {ClientHttpConnectorAutoConfiguration.class, RabbitAutoConfiguration.class}, proxyBeanMethods = false)
@ConfigurationPropertiesScan(basePackageClasses = {ManagementLogin.class, Leases.class, AzureIdentity.class})
@Import({PipelineConfig.class, ServiceConfig.class})
@EnableScheduling
public class MediaRoutesApplication {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sample-clip")) { // a demo clip, no app: see README
            SampleClip.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(MediaRoutesApplication.class, args);
    }
}
