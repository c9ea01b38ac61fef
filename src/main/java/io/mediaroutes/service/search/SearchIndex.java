package io.mediaroutes.service.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.insights.PromptContent;
import io.mediaroutes.insights.Timecode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The service's search engine: an Apache Lucene index of every moment of every processed video (each transcript and
 * OCR line, keyword, label, topic, named person, place and brand, with its time), kept in the service's data folder.
 * Words are found by BM25 (every word of the query in the moment, the exact phrase first); meaning by the moments'
 * sentence embeddings (HNSW); both together by reciprocal rank fusion. The query is only ever analysed into words,
 * never parsed: Lucene's and SQL's syntax are just text. Each API indexes its own videos under a scope of its own.
 */
public final class SearchIndex implements AutoCloseable {

    /** One video to index: its index JSON, and the values its API's search filters on ("partition" ...). */
    public record Video(String id, String name, long version, JsonNode index, Map<String, String> filters) {}

    /** Where a query matched: the moment, its kind ("Transcript", "Ocr" ...), its text, and what of it matched. */
    public record Match(double start, String type, String text, String exactText) {}

    /** A video found: its id, what the library shows of it, and its matches, best first (none when only its name matched). */
    public record Hit(String videoId, Summary summary, List<Match> matches) {}

    /** What a library lists and filters a video by: its thumbnail, length, the people named or seen, objects and topics. */
    public record Summary(String thumbnailId, double durationInSeconds, List<String> people, List<String> objects, List<String> topics) {

        static final Summary NONE = new Summary("", 0, List.of(), List.of(), List.of());

        static Summary of(JsonNode index) {
            JsonNode insights = index.at("/videos/0/insights");
            List<String> people = new ArrayList<>(names(insights.path("faces"), "name").stream().filter(n -> !n.startsWith("Unknown")).toList());
            people.addAll(names(insights.path("namedPeople"), "name"));
            List<String> objects = new ArrayList<>(names(insights.path("detectedObjects"), "displayName"));
            objects.addAll(names(insights.path("labels"), "name"));
            return new Summary(index.at("/videos/0/thumbnailId").asText(""), index.path("durationInSeconds").asDouble(),
                    distinct(people), distinct(objects), distinct(names(insights.path("topics"), "name")));
        }

        private static List<String> names(JsonNode items, String field) {
            List<String> names = new ArrayList<>();
            items.forEach(item -> names.add(item.path(field).asText()));
            return names;
        }

        private static List<String> distinct(List<String> names) {
            return names.stream().filter(n -> !n.isBlank()).distinct().limit(50).toList();
        }
    }

    /** One page of videos found, and how many were found in all. */
    public record Page(List<Hit> hits, int total) {}

    /** How a query is matched: by its words, or by its words and its meaning together. */
    public enum Mode {
        WORDS, HYBRID;

        /** The mode of an API's {@code mode} parameter ("words", "hybrid", any case). */
        public static Optional<Mode> named(String name) {
            return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    /** The kinds of the index that are searched, and the type each match is reported as (Video Indexer's names). */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("transcript", "Transcript");
        KINDS.put("ocr", "Ocr");
        KINDS.put("keywords", "Keyword");
        KINDS.put("labels", "Label");
        KINDS.put("topics", "Topic");
        KINDS.put("namedPeople", "NamedPerson");
        KINDS.put("namedLocations", "NamedLocation");
        KINDS.put("brands", "Brand");
        KINDS.put("faces", "Face");
    }

    public static final int MAX_QUERY_CHARS = 500;
    static final int MAX_QUERY_WORDS = 32;
    static final int MAX_MOMENTS = 10_000; // a query's best moments that are grouped into videos: its cost is bounded
    static final int MEANING_CANDIDATES = 200;
    static final double MIN_MEANING = 0.35; // cosine similarity of a moment to the query, as topics use it
    static final int MATCHES_PER_VIDEO = 20;
    static final String FORMAT = "2"; // how videos are indexed: an index written another way is rebuilt at start
    static final int SCENE_TOKENS = 200; // a scene's text embedded in pieces of this size: the model reads 256 word pieces
    static final String VIDEO = "video";
    private static final String SCOPE = "scope";
    private static final String TYPE = "type";
    private static final String TEXT = "text";
    private static final String VECTOR = "vector";
    private static final String SCENE_TEXT = "sceneText"; // stored only: a scene is found by meaning, never by its words
    private static final String HEAD = "Video"; // the type of a video's own document: its name, thumbnail, version

    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Function<String, float[]> embed;

    /**
     * The index in {@code folder} (made if missing); {@code embed} turns text into a unit sentence embedding, or is
     * null to index and search by words only.
     */
    public SearchIndex(Path folder, Function<String, float[]> embed) throws IOException {
        this.writer = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig(analyzer));
        Map<String, String> written = new HashMap<>();
        Iterable<Map.Entry<String, String>> commitData = writer.getLiveCommitData();
        if (commitData != null) {
            commitData.forEach(e -> written.put(e.getKey(), e.getValue()));
        }
        if (!FORMAT.equals(written.get("format"))) { // indexed another way (an older version): emptied, the sync fills it
            writer.deleteAll();
        }
        writer.setLiveCommitData(Map.of("format", FORMAT).entrySet());
        writer.commit();
        this.searchers = new SearcherManager(writer, null);
        this.embed = embed;
    }

    /** Adds or replaces a video in a scope; searchable at once. */
    public void put(String scope, Video video) throws IOException {
        putAll(scope, List.of(video));
    }

    /** Adds or replaces videos in a scope, with one commit for all. */
    public void putAll(String scope, List<Video> videos) throws IOException {
        for (Video video : videos) {
            add(scope, video);
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private void add(String scope, Video video) throws IOException {
        List<Document> docs = new ArrayList<>();
        Document head = base(scope, video, HEAD);
        // "weekly_news.mp4" is found by "weekly" and by "news": its words, not the file name as one token
        head.add(new TextField(TEXT, video.name() + " " + video.name().replaceAll("[._\\-]+", " "), Field.Store.YES));
        head.add(new StoredField("version", video.version()));
        Summary summary = Summary.of(video.index());
        head.add(new StoredField("thumbnailId", summary.thumbnailId()));
        head.add(new StoredField("duration", summary.durationInSeconds()));
        summary.people().forEach(name -> head.add(new StoredField("people", name)));
        summary.objects().forEach(name -> head.add(new StoredField("objects", name)));
        summary.topics().forEach(name -> head.add(new StoredField("topics", name)));
        docs.add(head);
        JsonNode insights = video.index().at("/videos/0/insights");
        KINDS.forEach((kind, type) -> {
            for (JsonNode item : insights.path(kind)) {
                String text = item.has("text") ? item.path("text").asText() : item.path("name").asText();
                if (text.isBlank()) {
                    continue;
                }
                Document moment = base(scope, video, type);
                moment.add(new TextField(TEXT, text, Field.Store.YES));
                moment.add(new StoredField("start", Timecode.parse(item.at("/instances/0/start").asText("0:00:00"))));
                if (embed != null && (type.equals("Transcript") || type.equals("Ocr"))) {
                    moment.add(new KnnFloatVectorField(VECTOR, embed.apply(text), VectorSimilarityFunction.DOT_PRODUCT));
                }
                docs.add(moment);
            }
        });
        if (embed != null) {
            docs.addAll(scenes(scope, video));
        }
        writer.updateDocuments(new Term(VIDEO, video.id()), docs);
    }

    /**
     * Each scene as one moment found by meaning alone: what is seen and said in it together (its Prompt Content
     * section without the title), so that "a person on a train" finds the scene where a train is seen and the station
     * is named, which neither its labels nor its lines alone would. Its text, for the match, is the section's lines.
     */
    private List<Document> scenes(String scope, Video video) {
        List<Document> scenes = new ArrayList<>();
        for (JsonNode section : PromptContent.sections(video.index(), SCENE_TOKENS, PromptContent.Style.FULL)) {
            String content = section.path("content").asText().lines().filter(line -> !line.startsWith("[Video title]"))
                    .collect(Collectors.joining("\n"));
            if (content.isBlank()) {
                continue;
            }
            Document scene = base(scope, video, "Scene");
            scene.add(new StoredField(SCENE_TEXT, content.replaceAll("\\[[A-Za-z ]+\\] ", "").replace("\n", " · ")));
            scene.add(new StoredField("start", Timecode.parse(section.path("start").asText())));
            scene.add(new KnnFloatVectorField(VECTOR, embed.apply(content), VectorSimilarityFunction.DOT_PRODUCT));
            scenes.add(scene);
        }
        return scenes;
    }

    private static Document base(String scope, Video video, String type) {
        Document doc = new Document();
        doc.add(new StringField(VIDEO, video.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(VIDEO, new BytesRef(video.id())));
        doc.add(new StringField(SCOPE, scope, Field.Store.NO));
        doc.add(new StringField(TYPE, type, Field.Store.YES));
        video.filters().forEach((name, value) -> {
            if (value != null) {
                doc.add(new StringField("filter." + name, value, Field.Store.NO));
            }
        });
        return doc;
    }

    /** Empties the index (of every scope), for a rebuild. */
    public void clear() throws IOException {
        writer.deleteAll();
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    public void delete(String videoId) throws IOException {
        writer.deleteDocuments(new Term(VIDEO, videoId));
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Each video of a scope in the index, with the version it was indexed at. */
    public Map<String, Long> versions(String scope) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query heads = new BooleanQuery.Builder().add(new TermQuery(new Term(SCOPE, scope)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(TYPE, HEAD)), BooleanClause.Occur.FILTER).build();
            Map<String, Long> versions = new HashMap<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(heads, Math.max(1, searcher.getIndexReader().maxDoc())).scoreDocs) {
                Document doc = stored.document(hit.doc);
                versions.put(doc.get(VIDEO), doc.getField("version").numericValue().longValue());
            }
            return versions;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * What to search: the words (null: every video), how, which kinds of moment (empty: all), filters that must all
     * hold, and the videos to look in (null: all).
     */
    public record Request(String text, Mode mode, Set<String> types, Map<String, String> filters, Set<String> videos) {

        public Request(String text, Mode mode, Set<String> types, Map<String, String> filters) {
            this(text, mode, types, filters, null);
        }
    }

    /**
     * The videos of a scope that match, best first: those whose moments match, then those whose name alone does.
     * A query's text must have 1 to {@value #MAX_QUERY_CHARS} characters and at most {@value #MAX_QUERY_WORDS} words.
     */
    public Page search(String scope, Request query, int skip, int pageSize) throws IOException {
        String text = query.text();
        if (text != null && (text.isBlank() || text.length() > MAX_QUERY_CHARS)) {
            throw new IllegalArgumentException("query must have 1 to " + MAX_QUERY_CHARS + " characters");
        }
        BooleanQuery.Builder within = new BooleanQuery.Builder().add(new TermQuery(new Term(SCOPE, scope)), BooleanClause.Occur.FILTER);
        query.filters().forEach((name, value) -> within.add(new TermQuery(new Term("filter." + name, value)), BooleanClause.Occur.FILTER));
        if (query.videos() != null) {
            within.add(new TermInSetQuery(VIDEO, query.videos().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (text == null || !query.types().isEmpty()) {
            BooleanQuery.Builder types = new BooleanQuery.Builder();
            (text == null ? Set.of(HEAD) : query.types()).forEach(t -> types.add(new TermQuery(new Term(TYPE, t)), BooleanClause.Occur.SHOULD));
            within.add(types.build(), BooleanClause.Occur.FILTER);
        }
        Query scoped = within.build();
        IndexSearcher searcher = searchers.acquire();
        try {
            Map<String, List<ScoreDoc>> found;
            if (text == null) {
                found = ByVideo.of(searcher, scoped);
            } else {
                found = words(searcher, scoped, text);
                if (query.mode() == Mode.HYBRID && embed != null) {
                    found = fused(found, meaning(searcher, scoped, text));
                }
            }
            List<Hit> page = new ArrayList<>();
            int i = 0;
            for (var video : found.entrySet()) {
                if (i++ >= skip && page.size() < pageSize) { // only the page's moments are read from the index
                    page.add(new Hit(video.getKey(), summaryOf(searcher, scope, video.getKey()), matches(searcher, video.getValue(), text)));
                }
            }
            return new Page(page, found.size());
        } finally {
            searchers.release(searcher);
        }
    }

    private static Summary summaryOf(IndexSearcher searcher, String scope, String videoId) throws IOException {
        Query head = new BooleanQuery.Builder().add(new TermQuery(new Term(VIDEO, videoId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(SCOPE, scope)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(TYPE, HEAD)), BooleanClause.Occur.FILTER).build();
        ScoreDoc[] found = searcher.search(head, 1).scoreDocs;
        if (found.length == 0) {
            return Summary.NONE;
        }
        Document video = searcher.storedFields().document(found[0].doc);
        IndexableField duration = video.getField("duration");
        return new Summary(video.get("thumbnailId"), duration == null ? 0 : duration.numericValue().doubleValue(),
                List.of(video.getValues("people")), List.of(video.getValues("objects")), List.of(video.getValues("topics")));
    }

    /** Videos whose moments contain every word of the query (the phrase ranks first), in the order of their best moment. */
    private Map<String, List<ScoreDoc>> words(IndexSearcher searcher, Query within, String query) throws IOException {
        QueryBuilder builder = new QueryBuilder(analyzer);
        Query all = builder.createBooleanQuery(TEXT, query, BooleanClause.Occur.MUST);
        if (all == null) {
            return new LinkedHashMap<>(); // no words in it (only punctuation)
        }
        if (all instanceof BooleanQuery bool && bool.clauses().size() > MAX_QUERY_WORDS) {
            throw new IllegalArgumentException("query must have at most " + MAX_QUERY_WORDS + " words");
        }
        BooleanQuery.Builder ranked = new BooleanQuery.Builder().add(within, BooleanClause.Occur.FILTER).add(all, BooleanClause.Occur.MUST);
        Query phrase = builder.createPhraseQuery(TEXT, query);
        if (phrase != null) {
            ranked.add(phrase, BooleanClause.Occur.SHOULD);
        }
        return ByVideo.best(searcher, ranked.build(), MAX_MOMENTS);
    }

    /** Moments close in meaning to the query, whatever their words, grouped by video in the order of their best. */
    private Map<String, List<ScoreDoc>> meaning(IndexSearcher searcher, Query within, String query) throws IOException {
        KnnFloatVectorQuery near = new KnnFloatVectorQuery(VECTOR, embed.apply(query), MEANING_CANDIDATES, within);
        Map<String, List<ScoreDoc>> byVideo = ByVideo.of(searcher, near);
        byVideo.values().forEach(docs -> docs.removeIf(d -> 2 * d.score - 1 < MIN_MEANING)); // a dot product d scores (1 + d) / 2
        byVideo.values().removeIf(List::isEmpty);
        return byVideo;
    }

    /** Reciprocal rank fusion of two rankings of videos (k = 60), their moments joined: the words' first. */
    static Map<String, List<ScoreDoc>> fused(Map<String, List<ScoreDoc>> words, Map<String, List<ScoreDoc>> meaning) {
        Map<String, Double> score = new HashMap<>();
        for (Map<String, List<ScoreDoc>> ranking : List.of(words, meaning)) {
            int rank = 0;
            for (String video : ranking.keySet()) {
                score.merge(video, 1.0 / (60 + ++rank), Double::sum);
            }
        }
        Map<String, List<ScoreDoc>> fused = new LinkedHashMap<>();
        score.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> {
            List<ScoreDoc> docs = new ArrayList<>(words.getOrDefault(e.getKey(), List.of()));
            meaning.getOrDefault(e.getKey(), List.of()).stream().filter(m -> docs.stream().noneMatch(d -> d.doc == m.doc)).forEach(docs::add);
            fused.put(e.getKey(), docs.subList(0, Math.min(MATCHES_PER_VIDEO, docs.size())));
        });
        return fused;
    }

    /** A video's moments as matches; {@code query}: the words to show as exactText (none for a listing). */
    private static List<Match> matches(IndexSearcher searcher, List<ScoreDoc> docs, String query) throws IOException {
        List<Match> matches = new ArrayList<>();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : docs) {
            Document doc = stored.document(hit.doc);
            if (!doc.get(TYPE).equals(HEAD)) { // the video's name: found, with no moment
                String text = doc.get(TEXT) != null ? doc.get(TEXT) : doc.get(SCENE_TEXT);
                matches.add(new Match(doc.getField("start").numericValue().doubleValue(), doc.get(TYPE), text,
                        query == null ? "" : exactText(text, query)));
            }
        }
        return matches;
    }

    /**
     * What of {@code text} the query matched, as written there (case aside): the whole query where it is there as
     * one run of words, else its first word that is.
     */
    static String exactText(String text, String query) {
        List<String> words = List.of(query.strip().split("[^\\p{L}\\p{N}]+")).stream().filter(w -> !w.isEmpty()).toList();
        List<String> tries = new ArrayList<>();
        tries.add(String.join("[^\\p{L}\\p{N}]+", words.stream().map(Pattern::quote).toList()));
        words.forEach(w -> tries.add(Pattern.quote(w)));
        for (String regex : tries) {
            Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            if (!regex.isEmpty() && m.find()) {
                return m.group();
            }
        }
        return "";
    }

    /** How many documents (videos and their moments) the index holds. */
    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(new MatchAllDocsQuery());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
