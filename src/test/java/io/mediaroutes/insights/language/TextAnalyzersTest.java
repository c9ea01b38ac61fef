package io.mediaroutes.insights.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Analyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.Keywords.TimedText;
import io.mediaroutes.insights.vision.BrokenWorkers;
import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzers of what is said and read, on lines as the transcript (lower case) and OCR (capitals) give them. */
class TextAnalyzersTest {

    @TempDir
    static Path dir;
    static VisionWorker.Factory workers;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void workers() {
        workers = new VisionWorker.Factory(InsightsProperties.BUILT_VISION, dir.resolve("models"));
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    static JsonNode run(Analyzer analyzer, TimedText... lines) throws Exception {
        try (Analysis analysis = new Analysis("text-1", dir.resolve("none.mp4"), new MediaProbe.Info(60, 640, 360, "h264", "aac"),
                dir.resolve("work"), Duration.ofMinutes(1), workers)) {
            List.of(lines).forEach(analysis.text()::add);
            ObjectNode insights = JSON.createObjectNode();
            analyzer.start(analysis).finish(insights);
            return insights;
        }
    }

    static TimedText said(String text, double start) {
        return new TimedText(text, start, start + 3, "Transcript");
    }

    static TimedText read(String text, double start) {
        return new TimedText(text, start, start + 2, "Ocr");
    }

    @Test
    void peoplePlacesAndBrandsAreNamedWithWhereAndWhenTheyWereSaidOrRead() throws Exception {
        Brands brands = Brands.load(null);
        JsonNode insights = run(new EntitiesAnalyzer(true, brands),
                said("john smith flew from paris to london", 1),
                said("he drank a coca cola with mary johnson", 5),
                read("ROLEX", 9),
                said("then john smith went back to paris", 12));

        assertThat(insights.get("namedPeople").findValuesAsText("name")).containsExactly("John Smith", "Mary Johnson");
        JsonNode john = insights.at("/namedPeople/0");
        assertThat(john.path("instances")).hasSize(2);
        assertThat(john.at("/instances/1/instanceSource").asText()).isEqualTo("Transcript");
        assertThat(john.at("/instances/1/start").asText()).isEqualTo("0:00:12");
        assertThat(insights.get("namedLocations").findValuesAsText("name")).containsExactly("Paris", "London");
        assertThat(insights.get("brands").findValuesAsText("name")).containsExactly("Coca-Cola", "Rolex");
        JsonNode rolex = insights.at("/brands/1");
        assertThat(rolex.path("referenceUrl").asText()).isEqualTo("https://en.wikipedia.org/wiki/Rolex");
        assertThat(rolex.at("/instances/0/brandType").asText()).isEqualTo("Ocr");
        assertThat(rolex.path("isCustom").asBoolean()).isFalse();
    }

    @Test
    void anOperatorsBrandsAreFoundAndMarkedCustom() throws Exception {
        Path mine = Files.writeString(dir.resolve("brands.txt"), "# ours\nContoso Coffee | Contoso\n");
        JsonNode insights = run(new EntitiesAnalyzer(true, Brands.load(mine)), said("we only drink contoso at the office", 2));
        assertThat(insights.at("/brands/0/name").asText()).isEqualTo("Contoso Coffee");
        assertThat(insights.at("/brands/0/isCustom").asBoolean()).isTrue();
    }

    @Test
    void eachLineHasASentimentGroupedByTypeAsTheRealIndexHasThem() throws Exception {
        JsonNode sentiments = run(new SentimentAnalyzer(true),
                said("i love this wonderful city", 1),
                said("the train leaves at nine", 5),
                said("this is a terrible and sad disaster", 9),
                read("GREAT DEALS, HAPPY CUSTOMERS", 12)).get("sentiments");

        assertThat(sentiments.findValuesAsText("sentimentType")).containsExactly("Positive", "Neutral", "Negative");
        assertThat(sentiments.at("/0/instances")).hasSize(2);
        assertThat(sentiments.at("/0/averageScore").asDouble()).isGreaterThan(0.75);
        assertThat(sentiments.at("/1/averageScore").asDouble()).isEqualTo(0.5);
        assertThat(sentiments.at("/2/averageScore").asDouble()).isLessThan(0.25);
        assertThat(sentiments.at("/2/instances/0/start").asText()).isEqualTo("0:00:09");
    }

    @Test
    void topicsAreIabCategoriesOfWhatEachStretchIsAbout() throws Exception {
        JsonNode topics = run(new TopicsAnalyzer(true, dir.resolve("models")),
                said("the bank raised the interest rate on the loan and the mortgage payments went up", 1),
                said("the striker scored a goal in the second half and the team won the football match", 40)).get("topics");

        assertThat(topics.findValuesAsText("referenceId")).as(topics.toString())
                .anyMatch(id -> id.startsWith("Business and Finance") || id.startsWith("Personal Finance"))
                .anyMatch(id -> id.startsWith("Sports"));
        assertThat(topics.at("/0/referenceType").asText()).isEqualTo("IAB");
        assertThat(topics.at("/0/confidence").asDouble()).isBetween(TopicsAnalyzer.MIN_SIMILARITY, 1.0);
    }

    @Test
    void aWorkerThatCannotStartFailsWithItsReason() throws Exception {
        Path home = BrokenWorkers.home(dir.resolve("broken-worker"), "cannot read the lexicon");
        try (VisionWorker.Factory broken = new VisionWorker.Factory(new InsightsProperties.Vision(home, 720), dir.resolve("models"));
                Analysis analysis = new Analysis("text-2", dir.resolve("none.mp4"), new MediaProbe.Info(10, 640, 360, "h264", "aac"),
                        dir.resolve("work"), Duration.ofMinutes(1), broken)) {
            analysis.text().add(said("john smith is in paris", 1));
            assertThatThrownBy(() -> new SentimentAnalyzer(true).start(analysis).finish(JSON.createObjectNode()))
                    .hasMessageContaining("vision worker").hasMessageContaining("cannot read the lexicon");
        }
    }

    @Test
    void theLanguageIsThatOfWhatIsSaidOrElseRead() throws Exception {
        JsonNode english = run(new LanguageAnalyzer(true), said("we are going to talk about the weather and the cost of living", 0),
                read("LE JOURNAL DU SOIR", 3));
        assertThat(english.path("sourceLanguage").asText()).isEqualTo("en-US");
        assertThat(english.path("sourceLanguageConfidence").asDouble()).isGreaterThan(0.5);

        JsonNode french = run(new LanguageAnalyzer(true), read("Bienvenue au journal du soir, les nouvelles de la région", 3));
        assertThat(french.path("sourceLanguage").asText()).isEqualTo("fr-FR");
        assertThat(french.path("languages").get(0).asText()).isEqualTo("fr-FR");

        JsonNode clock = run(new LanguageAnalyzer(true), read("00:00:01 12", 0), read("00:00:02 12", 1));
        assertThat(clock.path("sourceLanguageConfidence").asDouble()).as("digits are no language").isZero();

        JsonNode silent = run(new LanguageAnalyzer(true));
        assertThat(silent.path("sourceLanguage").asText()).isEqualTo("en-US");
        assertThat(silent.path("sourceLanguageConfidence").asDouble()).isZero();
    }
}
