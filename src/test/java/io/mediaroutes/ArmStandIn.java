package io.mediaroutes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Manager for Microsoft.VideoIndexer, held to Azure's own REST specification: each request must match
 * an operation of {@code azure-rest-api-specs/vi-2025-03-01.json} (path, method, every parameter's type, pattern and
 * length, the api-version the spec is for, the body against its schema) and carry a bearer token that {@link EntraId}
 * signed for ARM's audience. It answers with the spec's own examples (the account's access token is a real one from
 * {@code accessTokens}); with {@link #deny}, generateAccessToken is refused as ARM refuses an identity without the role.
 * What broke the spec is in {@link #violations}.
 */
public final class ArmStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "/azure-rest-api-specs/";

    private final HttpServer server;
    private final EntraId entra;
    private final JsonNode spec;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private volatile boolean denied;
    private volatile Supplier<String> accessTokens = () -> { throw new IllegalStateException("no account token source set"); };

    private ArmStandIn(EntraId entra) throws IOException {
        this.entra = entra;
        this.spec = read("vi-2025-03-01.json");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ArmStandIn start(EntraId entra) throws IOException {
        return new ArmStandIn(entra);
    }

    /** mediaroutes.azure-cloud.resource-manager */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Where generateAccessToken's tokens come from (a Video Indexer that accepts them). */
    public void accessTokens(Supplier<String> source) {
        this.accessTokens = source;
    }

    /** Refuse generateAccessToken (403 AuthorizationFailed), or grant it again. */
    public void deny(boolean denied) {
        this.denied = denied;
    }

    public List<String> violations() {
        return violations;
    }

    /** The operationIds called so far, in order. */
    public List<String> operations() {
        return operations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> template = paths.next();
                Matcher match = Pattern.compile(template.getKey().replaceAll("\\{[^}]+}", "([^/]+)")).matcher(path);
                JsonNode operation = template.getValue().path(exchange.getRequestMethod().toLowerCase());
                if (match.matches() && !operation.isMissingNode()) {
                    answer(exchange, operation, pathParameters(template.getKey(), match), query, body);
                    return;
                }
            }
            violations.add("no operation of the spec is " + exchange.getRequestMethod() + " " + path);
            send(exchange, 404, error("InvalidResourceType", "No such operation"));
        } catch (RuntimeException e) {
            violations.add(e.toString());
            send(exchange, 500, error("InternalServerError", e.getMessage()));
        }
    }

    private void answer(HttpExchange exchange, JsonNode operation, Map<String, String> path, Map<String, String> query,
            byte[] body) throws IOException {
        String id = operation.path("operationId").asText();
        operations.add(id);
        for (JsonNode parameter : operation.path("parameters")) {
            check(id, parameter, path, query, body);
        }
        if (!query.getOrDefault("api-version", "").equals(spec.path("info").path("version").asText())) {
            violations.add(id + ": api-version " + query.get("api-version") + " is not the spec's " + spec.path("info").path("version"));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        try {
            JWTClaimsSet claims = entra.verify(authorization == null ? "" : authorization.replaceFirst("^Bearer ", ""));
            if (!claims.getAudience().contains("https://management.azure.com/")) {
                throw new IllegalArgumentException("audience " + claims.getAudience() + " in " + claims.toJSONObject());
            }
        } catch (Exception e) {
            violations.add(id + ": no valid Entra ID token for ARM (" + e + ")");
            System.err.println("ArmStandIn: " + violations.get(violations.size() - 1));
            send(exchange, 401, error("InvalidAuthenticationToken", "The access token is invalid."));
            return;
        }
        if (id.equals("Generate_AccessToken") && denied) {
            send(exchange, 403, error("AuthorizationFailed", "The client '" + EntraId.CLIENT_ID + "' with object id '"
                    + EntraId.OBJECT_ID + "' does not have authorization to perform action"
                    + " 'Microsoft.VideoIndexer/accounts/generateAccessToken/action' over scope '" + exchange.getRequestURI().getPath()
                    .replace("/generateAccessToken", "") + "' or the scope is invalid. If access was recently granted, please"
                    + " refresh your credentials."));
            return;
        }
        JsonNode example = read(operation.path("x-ms-examples").elements().next().path("$ref").asText().substring(2));
        JsonNode answer = example.path("responses").path("200").path("body").deepCopy();
        if (id.equals("Generate_AccessToken")) {
            ((ObjectNode) answer).put("accessToken", accessTokens.get());
        }
        send(exchange, 200, JSON.writeValueAsBytes(answer));
    }

    /** One parameter of the spec against the request: present if required, and valid by its schema. */
    private void check(String id, JsonNode parameter, Map<String, String> path, Map<String, String> query, byte[] body) {
        String name = parameter.path("name").asText();
        try {
            JsonNode value;
            JsonNode schema;
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    value = path.containsKey(name) ? TextNode.valueOf(path.get(name)) : null;
                    schema = schema(parameter);
                }
                case "query" -> {
                    value = query.containsKey(name) ? TextNode.valueOf(query.get(name)) : null;
                    schema = schema(parameter);
                }
                case "body" -> {
                    value = body.length == 0 ? null : JSON.readTree(body);
                    schema = schema(spec.at(parameter.path("schema").path("$ref").asText().substring(1)));
                }
                default -> throw new IllegalStateException("parameter in " + parameter.path("in"));
            }
            if (value == null) {
                if (parameter.path("required").asBoolean()) {
                    violations.add(id + ": required " + name + " is missing");
                }
                return;
            }
            if ("uuid".equals(parameter.path("format").asText())
                    && !value.asText().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                violations.add(id + ": " + name + " " + value + " is not a UUID");
            }
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(value)
                    .forEach(message -> violations.add(id + ": " + name + " " + message.getMessage()));
        } catch (IOException e) {
            violations.add(id + ": " + name + " is not JSON: " + e.getMessage());
        }
    }

    /** The JSON Schema in a Swagger parameter or definition: without the parameter's own fields and Azure's x-ms-*. */
    private static JsonNode schema(JsonNode swagger) {
        ObjectNode schema = swagger.deepCopy();
        schema.remove(List.of("name", "in", "description", "x-ms-parameter-location", "example"));
        if (schema.path("required").isBoolean()) {
            schema.remove("required"); // a parameter's required, not JSON Schema's
        }
        schema.properties().removeIf(field -> field.getKey().startsWith("x-ms-"));
        schema.properties().forEach(field -> {
            if (field.getValue().isObject()) {
                field.getValue().properties().forEach(property -> {
                    if (property.getValue().isObject()) {
                        ((ObjectNode) property.getValue()).remove(List.of("x-ms-enum", "example", "description"));
                    }
                });
            }
        });
        return schema;
    }

    private static Map<String, String> pathParameters(String template, Matcher match) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher names = Pattern.compile("\\{([^}]+)}").matcher(template);
        for (int group = 1; names.find(); group++) {
            values.put(names.group(1), URLDecoder.decode(match.group(group), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** ARM's error answer (the spec's ErrorResponse). */
    private static byte[] error(String code, String message) throws IOException {
        return JSON.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static JsonNode read(String file) {
        try (InputStream in = ArmStandIn.class.getResourceAsStream(SPEC + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
