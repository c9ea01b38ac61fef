package io.mediaroutes.insights.language;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The IAB Tech Lab's Content Taxonomy 3.0 (CC BY 3.0; {@code language/iab-content-taxonomy-3.0.tsv}, as published
 * in github.com/InteractiveAdvertisingBureau/Taxonomies), each category with the embedding of its name ("Soccer": closer
 * to what people say than its path "Sports, Soccer" or "a video about Soccer", on the sentences of TextAnalyzersTest).
 * The embeddings are computed once and kept in the model cache (704 categories: seconds of CPU once).
 */
public final class Taxonomy {

    /** A category: its IAB unique id, name, tier path and embedding. */
    public record Category(String id, String name, List<String> tiers, float[] embedding) {}

    static final String FILE = "/language/iab-content-taxonomy-3.0.tsv";
    private static List<Category> categories;

    private Taxonomy() {}

    public static synchronized List<Category> categories(Path modelCache) {
        if (categories == null) {
            try {
                categories = load(modelCache.resolve("topics").resolve("iab-3.0-names-all-minilm-l6-v2-q.bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return categories;
    }

    private static List<Category> load(Path cache) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Taxonomy.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IOException(FILE + " is not on the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            lines.readLine(); // two header lines
            lines.readLine();
            for (String line; (line = lines.readLine()) != null; ) {
                String[] cells = Arrays.copyOf(line.split("\t", -1), 7);
                if (cells[0] != null && !cells[0].isBlank()) {
                    rows.add(cells);
                }
            }
        }
        float[][] embeddings = Files.exists(cache) ? read(cache, rows.size()) : null;
        if (embeddings == null) {
            embeddings = new float[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                embeddings[i] = Embeddings.of(rows.get(i)[2].strip());
            }
            write(cache, embeddings);
        }
        List<Category> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            all.add(new Category(rows.get(i)[0].strip(), rows.get(i)[2].strip(), tiers(rows.get(i)), embeddings[i]));
        }
        return List.copyOf(all);
    }

    private static List<String> tiers(String[] row) {
        return Arrays.stream(row, 3, 7).filter(t -> t != null && !t.isBlank()).map(String::strip).collect(Collectors.toList());
    }

    private static float[][] read(Path cache, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            if (in.readInt() != count) {
                return null; // another taxonomy's: computed again
            }
            float[][] embeddings = new float[count][in.readInt()];
            for (float[] e : embeddings) {
                for (int j = 0; j < e.length; j++) {
                    e[j] = in.readFloat();
                }
            }
            return embeddings;
        }
    }

    private static void write(Path cache, float[][] embeddings) throws IOException {
        Files.createDirectories(cache.getParent());
        Path temp = Files.createTempFile(cache.getParent(), "taxonomy", ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
            out.writeInt(embeddings.length);
            out.writeInt(embeddings[0].length);
            for (float[] e : embeddings) {
                for (float v : e) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(temp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
