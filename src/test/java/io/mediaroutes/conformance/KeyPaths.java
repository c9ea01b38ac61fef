package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shape of a JSON document as key paths and value types ({@code $.videos[].insights.ocr[].left: number}), so an
 * answer of ours can be held to a real one without naming fields: every path of the real one must be in ours with a
 * compatible type. Array items are {@code []}; objects keyed by ids (all keys numeric, e.g. speaker statistics) are
 * {@code {}}. A path below a list or map that is empty in ours can't be compared and is not asked for.
 */
final class KeyPaths {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Set<String>> types = new TreeMap<>();

    private KeyPaths(JsonNode root) {
        walk(root, "$");
    }

    static KeyPaths of(JsonNode root) {
        return new KeyPaths(root);
    }

    /**
     * Holds {@code ours} to every recording of a kind: {@code src/test/resources/conformance/<service>/<kind>*.json}
     * (e.g. {@code video.json}, {@code video-2.json}), so a new real sample is checked by adding the file.
     */
    static void assertConforms(JsonNode ours, String service, String kind) throws IOException {
        String prefix = kind.replace(".json", "");
        Path dir;
        try {
            dir = Path.of(KeyPaths.class.getResource("/conformance/" + service).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<Path> recordings;
        try (Stream<Path> files = Files.list(dir)) {
            recordings = files.filter(f -> f.getFileName().toString().matches(Pattern.quote(prefix) + "(-.+)?\\.json")).toList();
        }
        assertThat(recordings).as("recordings " + service + "/" + kind).isNotEmpty();
        for (Path recording : recordings) {
            assertThat(missingFrom(ours, JSON.readTree(recording.toFile())))
                    .as("key paths of the real " + service + "/" + recording.getFileName() + " that ours lacks").isEmpty();
        }
    }

    /** What {@code real} has that {@code ours} lacks or types differently; empty when ours conforms. */
    static List<String> missingFrom(JsonNode ours, JsonNode real) {
        KeyPaths mine = of(ours);
        KeyPaths theirs = of(real);
        List<String> problems = new ArrayList<>();
        for (var entry : theirs.types.entrySet()) {
            String path = entry.getKey();
            if (mine.belowEmptyContainer(path) || problems.stream().anyMatch(p -> path.startsWith(p.split(" ")[0]))) {
                continue;
            }
            Set<String> have = mine.types.get(path);
            Set<String> want = new TreeSet<>(entry.getValue());
            want.remove("null");
            if (have == null) {
                problems.add(path + " missing (real: " + entry.getValue() + ")");
            } else if (!want.isEmpty() && !have.contains("null") && want.stream().noneMatch(have::contains)) {
                problems.add(path + " is " + have + ", real: " + want);
            }
        }
        return problems;
    }

    private boolean belowEmptyContainer(String path) {
        for (int i = 0; i < path.length(); i++) {
            String marker = path.startsWith("[]", i) ? "[]" : path.startsWith(".{}", i) ? ".{}" : null;
            String container = path.substring(0, i);
            if (marker != null && types.containsKey(container)
                    && types.keySet().stream().noneMatch(p -> p.startsWith(container + marker))) {
                return true;
            }
        }
        return false;
    }

    private void walk(JsonNode node, String path) {
        types.computeIfAbsent(path, p -> new TreeSet<>()).add(type(node));
        if (node.isArray()) {
            node.forEach(item -> walk(item, path + "[]"));
        } else if (node.isObject()) {
            boolean keyedById = node.size() > 0;
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                keyedById &= names.next().matches("\\d+");
            }
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                walk(field.getValue(), path + (keyedById ? ".{}" : "." + field.getKey()));
            }
        }
    }

    private static String type(JsonNode node) {
        return node.isNumber() ? "number" : node.isTextual() ? "string" : node.isBoolean() ? "boolean" : node.isNull() ? "null"
                : node.isArray() ? "array" : "object";
    }
}
