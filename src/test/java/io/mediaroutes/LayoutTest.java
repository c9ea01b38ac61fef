package io.mediaroutes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the layout: the pipeline and the service are two halves that meet only over HTTP and the Azure Blob
 * protocol (and the application class that may start both); the libraries they share (media, insights, storage,
 * cluster, security, azure) know neither half, and the
 * media, insights and storage libraries know no web API.
 */
@AnalyzeClasses(packages = "io.mediaroutes", importOptions = ImportOption.DoNotIncludeTests.class)
class LayoutTest {

    private static final String PIPELINE = "io.mediaroutes.pipeline..";
    private static final String SERVICE = "io.mediaroutes.service..";

    @ArchTest
    static final ArchRule pipelineKnowsNoService = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAPackage(SERVICE);

    @ArchTest
    static final ArchRule serviceKnowsNoPipeline = noClasses().that().resideInAPackage(SERVICE)
            .should().dependOnClassesThat().resideInAPackage(PIPELINE);

    @ArchTest
    static final ArchRule librariesKnowNeitherHalf = noClasses()
            .that().resideInAnyPackage("io.mediaroutes.media..", "io.mediaroutes.insights..", "io.mediaroutes.storage..",
                    "io.mediaroutes.cluster..", "io.mediaroutes.security..", "io.mediaroutes.azure..")
            .should().dependOnClassesThat().resideInAnyPackage(PIPELINE, SERVICE);

    @ArchTest
    static final ArchRule mediaInsightsStorageKnowNoWebApi = noClasses()
            .that().resideInAnyPackage("io.mediaroutes.media..", "io.mediaroutes.insights..", "io.mediaroutes.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..",
                    "org.apache.camel..", "org.springframework.http..");

    @ArchTest
    static final ArchRule onlyTheServiceRunsNatives = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..", "org.vosk..");

    /** An import the code does not use leaves no trace in the classes: the sources are read for those. */
    @Test
    void noSourceOfOneHalfImportsTheOther() throws IOException {
        assertThat(importing("pipeline", "io.mediaroutes.service")).isEmpty();
        assertThat(importing("service", "io.mediaroutes.pipeline")).isEmpty();
    }

    private static List<Path> importing(String half, String other) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/mediaroutes", half))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).contains("import " + other + ".")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
