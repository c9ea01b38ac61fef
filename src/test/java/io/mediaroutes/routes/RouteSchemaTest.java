package io.mediaroutes.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.Test;

/**
 * Every route file and every Kamelet's template validates against Camel's own YAML DSL schema, read from the camel-yaml-dsl jar of the version
 * in pom.xml: what editors such as Kaoto and VS Code check, so what an operator edits there shows no red.
 */
class RouteSchemaTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([\\w-]+)");

    static JsonSchema camelSchema() throws IOException {
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static List<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("kamelets"))) {
            return files.filter(f -> f.toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    @Test
    void everyRouteFileFollowsCamelsYamlDslSchema() throws IOException {
        JsonSchema schema = camelSchema();
        List<Path> files;
        try (Stream<Path> routes = Stream.concat(Files.list(Path.of("routes")), Files.list(Path.of("src/test/resources/routes")))) {
            files = routes.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode routes = YAML.readTree(file.toFile());
            Set<ValidationMessage> violations = schema.validate(routes);
            assertThat(violations).as(file + " against Camel's YAML DSL schema").isEmpty();
        }
    }

    /** A Kamelet's template is a route of that schema, and it uses exactly the parameters its definition declares. */
    @Test
    void everyKameletIsAValidRouteWithTypedParameters() throws IOException {
        JsonSchema schema = camelSchema();
        assertThat(kamelets()).extracting(f -> f.getFileName().toString()).contains("file-sink.kamelet.yaml",
                "webhook-sink.kamelet.yaml", "blob-sink.kamelet.yaml", "jdbc-sink.kamelet.yaml", "rabbitmq-sink.kamelet.yaml",
                "split-sink.kamelet.yaml");
        for (Path file : kamelets()) {
            JsonNode kamelet = YAML.readTree(file.toFile());
            assertThat(kamelet.path("kind").asText()).isEqualTo("Kamelet");
            assertThat(kamelet.at("/metadata/name").asText() + ".kamelet.yaml").isEqualTo(file.getFileName().toString());
            JsonNode template = kamelet.at("/spec/template");
            ArrayNode asRouteFile = YAML.createArrayNode();
            asRouteFile.addObject().putObject("route").set("from", template.get("from"));
            if (template.has("beans")) {
                asRouteFile.addObject().set("beans", template.get("beans"));
            }
            assertThat(schema.validate(asRouteFile)).as(file + "'s template against Camel's YAML DSL schema").isEmpty();

            JsonNode definition = kamelet.at("/spec/definition");
            Set<String> declared = new TreeSet<>();
            definition.path("properties").fieldNames().forEachRemaining(declared::add);
            definition.path("properties").forEach(p -> assertThat(p.path("type").asText()).as(file + ": every parameter has a type")
                    .isIn("string", "boolean", "integer", "number"));
            definition.path("required").forEach(r -> assertThat(declared).as(file + ": required").contains(r.asText()));
            Set<String> used = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(YAML.writeValueAsString(template.get("from")) + YAML.writeValueAsString(template.path("beans")));
            while (m.find()) {
                used.add(m.group(1));
            }
            template.path("beans").forEach(bean -> used.remove(bean.path("name").asText()));
            assertThat(used).as(file + ": the parameters its template uses are the ones it declares").isEqualTo(declared);
        }
    }

    /** The sinks reference (docs/sinks.md) has a row for every Kamelet, naming each of its parameters. */
    @Test
    void theSinksReferenceDocumentsEveryKameletParameter() throws IOException {
        List<String> reference = Files.readAllLines(Path.of("docs/sinks.md"));
        for (Path file : kamelets()) {
            JsonNode kamelet = YAML.readTree(file.toFile());
            String name = kamelet.at("/metadata/name").asText();
            String row = reference.stream().filter(line -> line.startsWith("| `" + name + "` |")).findFirst().orElse("");
            assertThat(row).as("docs/sinks.md's row for " + name).isNotEmpty();
            kamelet.at("/spec/definition/properties").fieldNames()
                    .forEachRemaining(parameter -> assertThat(row).as("docs/sinks.md's row for " + name).contains("`" + parameter + "`"));
        }
    }
}
