package io.mediaroutes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.insights.language.Embeddings;
import io.mediaroutes.service.search.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * bench/search: search latency over N generated video indexes, Lucene (words; hybrid) beside a scan of every index
 * in memory (what Search did before). Moments get random unit vectors (embedding 400,000 lines would take an hour);
 * the hybrid query is embedded for real. Not a test: run by bench/search.
 */
public final class SearchBench {

    static final int LINES = 40;
    static final int VOCABULARY = 5_000;
    static final int QUERIES = 200;

    public static void main(String[] args) throws Exception {
        int videos = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean meaning = !(args.length > 1 && args[1].equals("words")); // "words": no vectors (their graph takes most of the indexing)
        Random random = new Random(42);
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            words[i] = word(i);
        }
        double[] zipf = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        List<String> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            List<String> query = new ArrayList<>();
            for (int w = 0, n = 1 + random.nextInt(3); w < n; w++) {
                query.add(words[draw(zipf, sum, random)]);
            }
            queries.add(String.join(" ", query));
        }
        Set<String> asked = Set.copyOf(queries);
        Path dir = Files.createTempDirectory("mediaroutes-bench-search-");
        List<JsonNode> all = new ArrayList<>();
        long t0 = System.nanoTime();
        // a query is embedded for real; a moment gets a random unit vector (lines have 8 words or more, queries 3 at most)
        try (SearchIndex index = new SearchIndex(dir.resolve("search"), !meaning ? null
                : text -> asked.contains(text) ? Embeddings.of(text) : randomUnit(random))) {
            ObjectMapper json = new ObjectMapper();
            List<SearchIndex.Video> batch = new ArrayList<>();
            for (int v = 0; v < videos; v++) {
                ObjectNode root = json.createObjectNode();
                ObjectNode insights = root.putArray("videos").addObject().put("thumbnailId", "t" + v).putObject("insights");
                ArrayNode transcript = insights.putArray("transcript");
                ArrayNode ocr = insights.putArray("ocr");
                for (int l = 0; l < LINES; l++) {
                    StringBuilder line = new StringBuilder();
                    for (int w = 0, n = 8 + random.nextInt(7); w < n; w++) {
                        line.append(w == 0 ? "" : " ").append(words[draw(zipf, sum, random)]);
                    }
                    ObjectNode item = (l % 4 == 3 ? ocr : transcript).addObject().put("id", l).put("text", line.toString());
                    item.putArray("instances").addObject().put("start", Timecode.format(l * 3.0)).put("end", Timecode.format(l * 3.0 + 3));
                }
                all.add(root);
                batch.add(new SearchIndex.Video("v" + v, "video " + v + ".mp4", 1, root, Map.of()));
                if (batch.size() == 1000 || v == videos - 1) {
                    index.putAll("bench", batch);
                    batch.clear();
                }
            }
            System.out.printf(Locale.ROOT, "search over %,d generated videos (%d lines each, %,d moments): indexed in %.0f s, %,d documents%n",
                    videos, LINES, videos * LINES, (System.nanoTime() - t0) / 1e9, index.size());
            for (String q : queries.subList(0, 20)) { // warm up
                index.search("bench", new SearchIndex.Request(q, SearchIndex.Mode.WORDS, Set.of(), Map.of()), 0, 25);
            }
            double[] wordsMs = time(queries, q -> index.search("bench", new SearchIndex.Request(q, SearchIndex.Mode.WORDS, Set.of(), Map.of()), 0, 25));
            double[] hybridMs = !meaning ? new double[] {Double.NaN, Double.NaN} : time(queries.subList(0, 50), q -> index.search("bench",
                    new SearchIndex.Request(q, SearchIndex.Mode.HYBRID, Set.of(), Map.of()), 0, 25));
            double[] scanMs = time(queries.subList(0, 20), q -> scan(all, q));
            System.out.printf(Locale.ROOT, "  words   p50 %6.1f ms  p95 %6.1f ms  (goal < 50 ms)%n", wordsMs[0], wordsMs[1]);
            System.out.printf(Locale.ROOT, "  hybrid  p50 %6.1f ms  p95 %6.1f ms  (the query's embedding included)%n", hybridMs[0], hybridMs[1]);
            System.out.printf(Locale.ROOT, "  every index read and matched, all in memory: p50 %6.1f ms  p95 %6.1f ms: the index is %.0f times faster%n",
                    scanMs[0], scanMs[1], scanMs[0] / wordsMs[0]);
        }
    }

    interface Search {
        Object run(String query) throws Exception;
    }

    /** p50 and p95 of the queries' times, in ms. */
    static double[] time(List<String> queries, Search search) throws Exception {
        double[] ms = new double[queries.size()];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            search.run(queries.get(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) (ms.length * 0.95)]};
    }

    /** The way Search worked before an index: every line of every video matched against the query. */
    static int scan(List<JsonNode> indexes, String query) {
        Pattern wanted = Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        int found = 0;
        for (JsonNode index : indexes) {
            for (String kind : List.of("transcript", "ocr")) {
                for (JsonNode line : index.at("/videos/0/insights/" + kind)) {
                    if (wanted.matcher(line.path("text").asText()).find()) {
                        found++;
                        break;
                    }
                }
            }
        }
        return found;
    }

    static int draw(double[] zipf, double sum, Random random) {
        int i = Arrays.binarySearch(zipf, random.nextDouble() * sum);
        return Math.min(zipf.length - 1, i < 0 ? -i - 1 : i);
    }

    /** A pronounceable made-up word of its own for each number. */
    static String word(int i) {
        String consonants = "bcdfghklmnprstvz";
        String vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int n = i + 1;
        while (n > 0) {
            w.append(consonants.charAt(n % consonants.length())).append(vowels.charAt((n / consonants.length()) % vowels.length()));
            n /= consonants.length() * vowels.length();
        }
        return w.toString();
    }

    static float[] randomUnit(Random random) {
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
