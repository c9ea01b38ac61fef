package io.mediaroutes.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.Test;

/**
 * Every route file validates against Camel's own YAML DSL schema, read from the camel-yaml-dsl jar of the version
 * in pom.xml: what editors such as Kaoto and VS Code check, so what an operator edits there shows no red.
 */
class RouteSchemaTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRouteFileFollowsCamelsYamlDslSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in camel-yaml-dsl").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
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
}
