package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Search's matches as Video Indexer reports them: where, of what kind, the text, and the exact text found. */
class IndexSearchTest {

    private static final String INDEX = """
            {"videos": [{"insights": {
              "transcript": [{"id": 1, "text": "Welcome to the show", "instances": [{"start": "0:00:01.5", "end": "0:00:03"}]}],
              "ocr": [{"id": 1, "text": "İSTANBUL TODAY", "instances": [{"start": "0:00:04", "end": "0:00:06"}]}],
              "keywords": [{"id": 1, "text": "today", "instances": [{"start": "0:00:04", "end": "0:00:06"}]}]}}]}
            """;

    @Test
    void eachKindIsFoundInAnyCaseWithTheTextAsWritten() throws Exception {
        JsonNode index = new ObjectMapper().readTree(INDEX);

        JsonNode matches = IndexSearch.matches("news.mp4", index, "Today");

        assertThat(matches).hasSize(2);
        // the dotted capital I lower-cases to two characters: exactText still comes from the text as written
        assertThat(matches.get(0).path("type").asText()).isEqualTo("Ocr");
        assertThat(matches.get(0).path("exactText").asText()).isEqualTo("TODAY");
        assertThat(matches.get(0).path("startTime").asText()).isEqualTo(Timecode.format(4));
        assertThat(matches.get(1).path("type").asText()).isEqualTo("Keyword");
        assertThat(IndexSearch.matches("news.mp4", index, "SHOW").get(0).path("startTime").asText()).isEqualTo(Timecode.format(1.5));
    }

    @Test
    void peoplePlacesBrandsAndTopicsAreFoundByName() throws Exception {
        JsonNode index = new ObjectMapper().readTree("""
                {"videos": [{"insights": {
                  "namedPeople": [{"id": 1, "name": "John Smith", "instances": [{"start": "0:00:02", "end": "0:00:04"}]}],
                  "namedLocations": [{"id": 1, "name": "Paris", "instances": [{"start": "0:00:05", "end": "0:00:07"}]}],
                  "brands": [{"id": 1, "name": "Rolex", "instances": [{"start": "0:00:08", "end": "0:00:09"}]}],
                  "topics": [{"id": 1, "name": "Interest Rates", "instances": [{"start": "0:00:10", "end": "0:00:40"}]}]}}]}
                """);

        assertThat(IndexSearch.matches("a.mp4", index, "smith").get(0).path("type").asText()).isEqualTo("NamedPerson");
        assertThat(IndexSearch.matches("a.mp4", index, "paris").get(0).path("startTime").asText()).isEqualTo(Timecode.format(5));
        assertThat(IndexSearch.matches("a.mp4", index, "ROLEX").get(0).path("type").asText()).isEqualTo("Brand");
        assertThat(IndexSearch.matches("a.mp4", index, "interest").get(0).path("type").asText()).isEqualTo("Topic");
    }

    @Test
    void aNameMatchHasNoMomentsAndNoMatchIsNull() throws Exception {
        JsonNode index = new ObjectMapper().readTree(INDEX);
        assertThat(IndexSearch.matches("Weekly News.mp4", index, "weekly")).isEmpty();
        assertThat(IndexSearch.matches("news.mp4", index, "weather")).isNull();
    }
}
