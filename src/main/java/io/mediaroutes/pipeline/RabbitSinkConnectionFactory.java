package io.mediaroutes.pipeline;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The rabbitmq-sink Kamelet's connection to its broker: Spring AMQP's caching factory, made by the Kamelet (not by
 * Spring, so an app without a RabbitMQ sink makes none). With {@code tls}, the broker's certificate is checked
 * against the JVM's trusted CAs ({@code javax.net.ssl.trustStore} if set) and its host name against the
 * certificate, as Spring Boot's {@code spring.rabbitmq.ssl.enabled} does; an {@code amqps://} URI would make the
 * RabbitMQ client trust any certificate.
 */
public class RabbitSinkConnectionFactory extends CachingConnectionFactory {

    public RabbitSinkConnectionFactory(String host, int port) {
        super(host, port);
    }

    public void setTls(boolean tls) throws NoSuchAlgorithmException {
        if (tls) {
            getRabbitConnectionFactory().useSslProtocol(SSLContext.getDefault());
            getRabbitConnectionFactory().enableHostnameVerification();
        }
    }
}
