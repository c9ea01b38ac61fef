package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two analyses starting at once in a fresh home both unpack the OCR model: neither may trip over the other. */
class ModelUnpackTest {

    @TempDir
    Path cache;

    @Test
    void concurrentFirstUsesOfTheOcrModelAllSucceed() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(CompletableFuture.runAsync(() -> {
                try (Ocr engine = new Ocr(cache)) {
                    // loaded: the model was there, whole
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        starts.forEach(CompletableFuture::join);
        assertThat(cache.resolve("tessdata/eng.traineddata")).isNotEmptyFile();
        assertThat(cache.resolve("tessdata").toFile().list()).as("no temp file left").containsExactly("eng.traineddata");
    }
}
