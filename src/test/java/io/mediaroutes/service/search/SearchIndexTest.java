package io.mediaroutes.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.insights.language.Embeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index: what is found, how it is ranked and reported, and what a hostile query gets. */
class SearchIndexTest {

    @TempDir
    static Path dir;
    static SearchIndex index;

    @BeforeAll
    static void index() throws Exception {
        index = new SearchIndex(dir.resolve("search"), Embeddings::of);
        index.put("test", video("news", "news.mp4", """
                "transcript": [{"id": 1, "text": "Welcome to the show.", "instances": [{"start": "0:00:01.5", "end": "0:00:03"}]},
                               {"id": 2, "text": "The cost of the loan went up again.", "instances": [{"start": "0:00:20", "end": "0:00:24"}]}],
                "ocr": [{"id": 1, "text": "İSTANBUL TODAY", "instances": [{"start": "0:00:04", "end": "0:00:06"}]}],
                "keywords": [{"id": 1, "text": "today", "instances": [{"start": "0:00:04", "end": "0:00:06"}]}],
                "namedPeople": [{"id": 1, "name": "John Smith", "instances": [{"start": "0:00:07", "end": "0:00:09"}]}],
                "brands": [{"id": 1, "name": "Rolex", "instances": [{"start": "0:00:08", "end": "0:00:09"}]}],
                "faces": [{"id": 1, "name": "Unknown #1", "instances": [{"start": "0:00:02", "end": "0:00:09"}]}]
                """, Map.of("partition", "europe")));
        index.put("test", video("cooking", "weekly cooking.mp4", """
                "transcript": [{"id": 1, "text": "Today we bake bread and the show goes on", "instances": [{"start": "0:00:05", "end": "0:00:08"}]}]
                """, Map.of("partition", "kitchen")));
        index.put("other", video("elsewhere", "today.mp4", """
                "transcript": [{"id": 1, "text": "today in another scope", "instances": [{"start": "0:00:01", "end": "0:00:02"}]}]
                """, Map.of()));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static SearchIndex.Video video(String id, String name, String insights, Map<String, String> filters) throws Exception {
        JsonNode json = new ObjectMapper().readTree("{\"videos\": [{\"thumbnailId\": \"thumb-" + id + "\", \"insights\": {" + insights + "}}]}");
        return new SearchIndex.Video(id, name, 1, json, filters);
    }

    static SearchIndex.Page search(String query, SearchIndex.Mode mode) throws Exception {
        return index.search("test", new SearchIndex.Request(query, mode, Set.of(), Map.of()), 0, 25);
    }

    @Test
    void eachKindIsFoundInAnyCaseWithTheTextAsWrittenAndItsMoment() throws Exception {
        SearchIndex.Page found = search("Today", SearchIndex.Mode.WORDS);

        assertThat(found.hits()).extracting(SearchIndex.Hit::videoId).containsExactlyInAnyOrder("news", "cooking");
        SearchIndex.Hit news = found.hits().stream().filter(h -> h.videoId().equals("news")).findFirst().orElseThrow();
        assertThat(news.summary().thumbnailId()).isEqualTo("thumb-news");
        // the dotted capital I lower-cases to two characters: exactText still comes from the text as written
        assertThat(news.matches()).extracting(SearchIndex.Match::type).containsExactlyInAnyOrder("Ocr", "Keyword");
        SearchIndex.Match ocr = news.matches().stream().filter(m -> m.type().equals("Ocr")).findFirst().orElseThrow();
        assertThat(ocr.exactText()).isEqualTo("TODAY");
        assertThat(ocr.start()).isEqualTo(4.0);
        assertThat(search("smith", SearchIndex.Mode.WORDS).hits().get(0).matches().get(0).type()).isEqualTo("NamedPerson");
        assertThat(search("ROLEX", SearchIndex.Mode.WORDS).hits().get(0).matches().get(0).type()).isEqualTo("Brand");
        assertThat(Timecode.format(search("welcome", SearchIndex.Mode.WORDS).hits().get(0).matches().get(0).start()))
                .isEqualTo(Timecode.format(1.5));
    }

    @Test
    void thePhraseRanksFirstANameAloneIsAHitWithoutMomentsAndOtherScopesAreApart() throws Exception {
        assertThat(search("the show", SearchIndex.Mode.WORDS).hits()).extracting(SearchIndex.Hit::videoId)
                .containsExactly("news", "cooking"); // "to the show" holds the phrase; "the show goes on" too, in a longer line
        assertThat(search("weekly", SearchIndex.Mode.WORDS).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.matches()).isEmpty());
        assertThat(search("weather", SearchIndex.Mode.WORDS).hits()).isEmpty();
        assertThat(search("cooking", SearchIndex.Mode.WORDS).hits()).as("a word of the file name").isNotEmpty();
        assertThat(search("another scope", SearchIndex.Mode.WORDS).hits()).isEmpty();
    }

    @Test
    void filtersKindsAndVideosNarrowWhatIsFound() throws Exception {
        assertThat(index.search("test", new SearchIndex.Request("today", SearchIndex.Mode.WORDS, Set.of(), Map.of("partition", "kitchen")), 0, 25)
                .hits()).extracting(SearchIndex.Hit::videoId).containsExactly("cooking");
        assertThat(index.search("test", new SearchIndex.Request("today", SearchIndex.Mode.WORDS, Set.of("Transcript"), Map.of()), 0, 25)
                .hits()).extracting(SearchIndex.Hit::videoId).containsExactly("cooking");
        assertThat(index.search("test", new SearchIndex.Request("today", SearchIndex.Mode.WORDS, Set.of(), Map.of(), Set.of("news")), 0, 25)
                .hits()).extracting(SearchIndex.Hit::videoId).containsExactly("news");
        assertThat(index.search("test", new SearchIndex.Request(null, SearchIndex.Mode.WORDS, Set.of(), Map.of()), 0, 25).total()).isEqualTo(2);
        assertThat(index.search("test", new SearchIndex.Request("today", SearchIndex.Mode.WORDS, Set.of(), Map.of()), 1, 1).hits()).hasSize(1);
    }

    @Test
    void aQueryThatSharesNoWordWithTheMomentFindsItByMeaning() throws Exception {
        assertThat(search("prices are rising", SearchIndex.Mode.WORDS).hits()).isEmpty();

        SearchIndex.Page byMeaning = search("prices are rising", SearchIndex.Mode.HYBRID);

        assertThat(byMeaning.hits()).isNotEmpty();
        assertThat(byMeaning.hits().get(0).videoId()).isEqualTo("news");
        assertThat(byMeaning.hits().get(0).matches().get(0).text()).isEqualTo("The cost of the loan went up again.");
        assertThat(byMeaning.hits().get(0).matches().get(0).start()).isEqualTo(20.0);
    }

    @Test
    void aSceneIsFoundByWhatIsSeenAndSaidInItTogether() throws Exception {
        index.put("scenes", video("commute", "commute.mp4", """
                "labels": [{"id": 1, "name": "person", "instances": [{"start": "0:00:00", "end": "0:00:05"}]},
                           {"id": 2, "name": "train", "instances": [{"start": "0:00:00", "end": "0:00:05"}]}],
                "transcript": [{"id": 1, "text": "We met at the station.", "instances": [{"start": "0:00:01", "end": "0:00:03"}]}],
                "scenes": [{"id": 1, "instances": [{"start": "0:00:00", "end": "0:00:05"}]}]
                """, Map.of()));
        index.put("scenes", video("office", "office.mp4", """
                "labels": [{"id": 1, "name": "person", "instances": [{"start": "0:00:00", "end": "0:00:05"}]}],
                "transcript": [{"id": 1, "text": "The cost of the loan went up again.", "instances": [{"start": "0:00:01", "end": "0:00:03"}]}],
                "scenes": [{"id": 1, "instances": [{"start": "0:00:00", "end": "0:00:05"}]}]
                """, Map.of()));
        String query = "a person on a train"; // its words are in no one moment: "person" and "train" are two labels
        assertThat(index.search("scenes", new SearchIndex.Request(query, SearchIndex.Mode.WORDS, Set.of(), Map.of()), 0, 25).hits()).isEmpty();

        SearchIndex.Page found = index.search("scenes", new SearchIndex.Request(query, SearchIndex.Mode.HYBRID, Set.of(), Map.of()), 0, 25);

        assertThat(found.hits()).extracting(SearchIndex.Hit::videoId).containsExactly("commute");
        assertThat(found.hits().get(0).matches()).extracting(m -> m.type() + " " + m.start() + " " + m.text())
                .contains("Scene 0.0 person, train · We met at the station.");
    }

    @Test
    void anIndexWrittenAnotherWayIsEmptiedAtStartForTheSyncToFillAgain() throws Exception {
        Path older = dir.resolve("older");
        try (SearchIndex current = new SearchIndex(older, null)) {
            current.put("test", video("kept", "kept.mp4", "\"ocr\": []", Map.of()));
        }
        try (SearchIndex reopened = new SearchIndex(older, null)) {
            assertThat(reopened.size()).as("the same format: kept").isEqualTo(1);
        }
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(older), new IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of("format", "1").entrySet()); // as an earlier version left it
            writer.commit();
        }
        try (SearchIndex upgraded = new SearchIndex(older, null)) {
            assertThat(upgraded.size()).isZero();
        }
    }

    @Test
    void hostileQueriesAreTextOrRefusedNeverAStackTraceOrAScan() throws Exception {
        for (String syntax : List.of("title:today AND show*", "today\" OR 1=1 --", "'; DROP TABLE service_video; --", "+(", "*:*", "~ ^ [")) {
            assertThat(search(syntax, SearchIndex.Mode.HYBRID).total()).as(syntax).isLessThanOrEqualTo(2);
        }
        assertThat(search("title:today", SearchIndex.Mode.WORDS).hits()).as("the syntax is words: title and today").isEmpty();
        assertThat(search("東京 今日", SearchIndex.Mode.WORDS).hits()).isEmpty(); // another script: words like any other
        assertThatThrownBy(() -> search("x".repeat(10_000), SearchIndex.Mode.WORDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + SearchIndex.MAX_QUERY_CHARS);
        assertThatThrownBy(() -> search("word ".repeat(40), SearchIndex.Mode.WORDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void aVideoDeletedOrReplacedIsSoInTheIndex() throws Exception {
        index.put("test", video("short-lived", "short.mp4", """
                "transcript": [{"id": 1, "text": "ephemeral words", "instances": [{"start": "0:00:01", "end": "0:00:02"}]}]
                """, Map.of()));
        assertThat(index.versions("test")).containsKey("short-lived");
        assertThat(search("ephemeral", SearchIndex.Mode.WORDS).hits()).hasSize(1);
        index.put("test", video("short-lived", "short.mp4", """
                "transcript": [{"id": 1, "text": "lasting words", "instances": [{"start": "0:00:01", "end": "0:00:02"}]}]
                """, Map.of()));
        assertThat(search("ephemeral", SearchIndex.Mode.WORDS).hits()).isEmpty();
        index.delete("short-lived");
        assertThat(search("lasting", SearchIndex.Mode.WORDS).hits()).isEmpty();
        assertThat(index.versions("test")).doesNotContainKey("short-lived");
    }
}
