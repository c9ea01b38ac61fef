package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The rabbitmq-sink Kamelet alone in a Camel context against this machine's RabbitMQ (127.0.0.1:5672, guest): it
 * connects with its own defaults, declares its exchange, checks a TLS broker's certificate, and a broker that is down
 * fails a delivery, not the start.
 */
class RabbitmqSinkTest extends KameletTestSupport {

    static final CachingConnectionFactory BROKER = new CachingConnectionFactory("127.0.0.1", 5672);
    final String exchange = "mediaroutes.test." + UUID.randomUUID();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:down").to("kamelet:rabbitmq-sink?exchange=nowhere&port=1"); // nothing listens on port 1
            }
        };
    }

    @AfterAll
    static void closeBroker() {
        BROKER.destroy();
    }

    @Test
    void declaresItsExchangeAndPublishesPersistentMessagesRoutedByState() {
        RabbitAdmin admin = new RabbitAdmin(BROKER);
        try {
            String sink = "kamelet:rabbitmq-sink?exchange=" + exchange; // host, port, user: the Kamelet's defaults
            template.sendBodyAndHeaders(sink, "{\"first\":true}", Map.of("videoId", "v0", "videoState", "Processed"));
            AMQP.Exchange.DeclareOk declared = admin.getRabbitTemplate().execute(channel -> channel.exchangeDeclarePassive(exchange));
            assertThat(declared).as("the exchange, declared by the sink").isNotNull();

            Queue queue = new Queue(exchange, false, false, false); // kept between the two receives below
            admin.declareQueue(queue);
            Binding binding = BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with("insights.Processed");
            admin.declareBinding(binding);
            template.sendBodyAndHeaders(sink, "{\"videos\":[]}", Map.of("videoId", "v1", "videoState", "Processed", "secret", "x"));
            template.sendBodyAndHeaders(sink, "{\"videos\":[]}", Map.of("videoId", "v2", "videoState", "Failed"));

            Message message = new RabbitTemplate(BROKER).receive(queue.getName(), 5000);
            assertThat(message).isNotNull();
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"videos\":[]}");
            assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(message.getMessageProperties().getHeaders()).containsEntry("videoId", "v1").doesNotContainKey("secret");
            assertThat(new RabbitTemplate(BROKER).receive(queue.getName(), 500)).as("the Failed one, routed elsewhere").isNull();
        } finally {
            admin.deleteQueue(exchange);
            admin.deleteExchange(exchange);
        }
    }

    @Test
    void withTlsABrokerWhoseCertificateTheJvmDoesNotTrustIsRefused(@TempDir Path dir) throws Exception {
        // a TLS listener with a self-signed certificate for localhost: what a man in the middle would present
        Path keystore = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-dname", "CN=localhost", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread handshakes = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                } catch (IOException refusedByTheClient) {
                    // expected: the client aborts the handshake
                }
            });
            handshakes.start();
            String sink = "kamelet:rabbitmq-sink?exchange=" + exchange + "&host=localhost&port=" + listener.getLocalPort() + "&tls=true";
            assertThatThrownBy(() -> template.sendBody(sink, "{}"))
                    .isInstanceOf(CamelExecutionException.class)
                    .hasRootCauseInstanceOf(CertPathBuilderException.class); // "unable to find valid certification path"
            handshakes.join();
        }
    }

    @Test
    void aBrokerThatIsDownFailsTheDeliveryNotTheStart() {
        assertThat(context.getStatus().isStarted()).as("started with the route to the dead broker").isTrue();
        assertThatThrownBy(() -> template.sendBody("direct:down", "{}"))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
    }
}
