package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.Postgres;
import io.mediaroutes.TestVideos;
import io.mediaroutes.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every sink kind against the real thing on this machine: PostgreSQL (the app's database here, a schema of its own), RabbitMQ,
 * Azurite and a webhook receiver that checks the signature and is down for its first two calls.
 */
class SinksTest extends AppTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // the Standard Webhooks spec's example
    static final String EXCHANGE = "mediaroutes.test." + UUID.randomUUID().toString().substring(0, 8);
    static Postgres postgres;
    static Azurite azurite;
    // down for more calls than two deliveries' retries (2 x 3) can absorb, however the two videos' deliveries interleave
    // (the service's signal and the poll run at once): at least one runs out of retries, and the next poll delivers it
    static final WebhookReceiver RECEIVER = new WebhookReceiver(SECRET, 8);
    static final CachingConnectionFactory RABBIT = new CachingConnectionFactory("127.0.0.1", 5672);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        postgres = new Postgres();
        azurite = Azurite.start();
        new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient().createBlobContainer("insights");
        RabbitAdmin admin = new RabbitAdmin(RABBIT);
        TopicExchange exchange = new TopicExchange(EXCHANGE); // durable, as the sink declares it
        admin.declareExchange(exchange);
        admin.declareQueue(new Queue(EXCHANGE, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(EXCHANGE)).to(exchange).with("insights.#"));

        postgres.properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("mediaroutes.azure.connection-string", azurite::connectionString);
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.camel.yaml,classpath:routes/test-sinks.camel.yaml,classpath:routes/test-webhook.camel.yaml");
        registry.add("mediaroutes.deliver.sinks",
                () -> "direct:file-out,direct:webhook-out,direct:blob-out,direct:jdbc-out,direct:rabbitmq-out,direct:long-out,direct:shots-out,direct:rag-out");
        registry.add("test.webhook.secret", () -> SECRET);
        registry.add("test.webhook.url", RECEIVER::url);
        registry.add("test.rabbitmq.exchange", () -> EXCHANGE);
    }

    @AfterAll
    static void cleanUp() {
        RECEIVER.close();
        new RabbitAdmin(RABBIT).deleteQueue(EXCHANGE);
        new RabbitAdmin(RABBIT).deleteExchange(EXCHANGE);
        RABBIT.destroy();
        if (azurite != null) {
            azurite.close();
        }
        if (postgres != null) {
            postgres.drop();
        }
    }

    @Autowired
    JdbcTemplate db;
    @Autowired
    CamelContext camel;

    @Test
    void eachSinkGetsExactlyOneDeliveryPerVideoAndThePredicateChoosesTheLongOne() throws Exception {
        TestVideos.mp4(home().resolve("drop/long.mp4"), 3);
        TestVideos.mp4(home().resolve("drop/short.mp4"), 1);

        Await.until("both videos delivered everywhere", Duration.ofSeconds(90), () -> db.queryForObject(
                "SELECT COUNT(*) FROM pipeline_job WHERE state = 'DELIVERED'", Integer.class) == 2);
        Await.moreRuns(camel, "poll-status", 3); // still one delivery each

        // webhook: down for 8 calls (past the sink retries), then each video once, signed, with its id as idempotency key
        assertThat(RECEIVER.failuresServed.get()).isEqualTo(8);
        assertThat(RECEIVER.deliveries).hasSize(2).allSatisfy(d -> {
            assertThat(d.signatureValid()).as("Standard Webhooks signature").isTrue();
            assertThat(d.cloudEventType()).isEqualTo("io.mediaroutes.video.indexed");
        });
        assertThat(RECEIVER.distinctKeys()).isEqualTo(2);
        try (var deadLetters = Files.list(home().resolve("dead-letter/webhook-out"))) {
            assertThat(deadLetters).as("the refused payload, kept for inspection").isNotEmpty();
        }
        // PostgreSQL: one row per video, the JSON as jsonb
        assertThat(db.queryForList("SELECT name, duration_seconds, insights->>'state' AS state FROM video_insights ORDER BY name"))
                .extracting(r -> r.get("name") + "/" + r.get("duration_seconds") + "/" + r.get("state"))
                .containsExactly("long.mp4/3/Processed", "short.mp4/1/Processed");
        // PostgreSQL, for retrieval: each video's Prompt Content sections with their embeddings, read with plain SQL as a
        // RAG application would (the dot product of unit vectors: cosine similarity)
        assertThat(db.queryForList("SELECT name, content, cardinality(embedding) AS dims, model FROM video_sections ORDER BY name, section_id"))
                .extracting(r -> r.get("name") + "/" + r.get("dims") + "/" + r.get("model") + "/" + r.get("content").toString().lines().findFirst().orElse(""))
                .containsExactly("long.mp4/384/all-MiniLM-L6-v2-q/[Video title] long.mp4", "short.mp4/384/all-MiniLM-L6-v2-q/[Video title] short.mp4");
        Double self = db.queryForObject("SELECT (SELECT SUM(a * b) FROM unnest(embedding, embedding) AS t(a, b)) FROM video_sections"
                + " WHERE name = 'long.mp4'", Double.class);
        assertThat(self).as("unit length").isCloseTo(1.0, within(0.001));
        // RabbitMQ: two persistent messages routed by state
        RabbitTemplate rabbit = new RabbitTemplate(RABBIT);
        Message first = rabbit.receive(EXCHANGE, 5000);
        Message second = rabbit.receive(EXCHANGE, 5000);
        assertThat(rabbit.receive(EXCHANGE, 500)).as("a third message").isNull();
        assertThat(List.of(first, second)).allSatisfy(m -> {
            assertThat(m.getMessageProperties().getReceivedRoutingKey()).isEqualTo("insights.Processed");
            assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).contains("\"durationInSeconds\"");
            // CloudEvents binary mode, the AMQP binding's attribute names
            assertThat(m.getMessageProperties().getHeaders()).containsEntry("cloudEvents_specversion", "1.0")
                    .containsEntry("cloudEvents_type", "io.mediaroutes.video.indexed").containsKey("cloudEvents_time")
                    .containsEntry("cloudEvents_id", m.getMessageProperties().getHeader("videoId"));
        });
        assertThat(List.of(first, second)).extracting(m -> (String) m.getMessageProperties().getHeader("videoId")).doesNotHaveDuplicates();
        // Azure Blob (Azurite)
        var container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient("insights");
        assertThat(container.listBlobs().stream().map(b -> b.getName()))
                .containsExactlyInAnyOrder("videos/long.mp4.insights.json", "videos/short.mp4.insights.json");
        // content-based routing: only the 3 s video is "long"
        assertThat(home().resolve("out/long/long.mp4.insights.json")).exists();
        assertThat(home().resolve("out/long/short.mp4.insights.json")).doesNotExist();
        assertThat(home().resolve("out/short.mp4.insights.json")).exists();
        // split per insight type: one message per shot (each test video is a single shot)
        try (var shots = Files.list(home().resolve("out/shots"))) {
            assertThat(shots.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("long.mp4-shot-0.json", "short.mp4-shot-0.json");
        }
        assertThat(Files.readString(home().resolve("out/shots/long.mp4-shot-0.json"))).contains("\"keyFrames\"");
    }
}
