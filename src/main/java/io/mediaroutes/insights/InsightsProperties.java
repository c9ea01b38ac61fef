package io.mediaroutes.insights;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The analyzers ({@code mediaroutes.insights}); one switched off says {"status":"disabled"} in the index. */
@Validated
@ConfigurationProperties("mediaroutes.insights")
public record InsightsProperties(@NotNull Analyzer shots, @NotNull Analyzer blackFrames, @NotNull Analyzer audio,
        @NotNull Analyzer ocr, @NotNull Analyzer transcript, @NotNull Path modelCache) {

    public record Analyzer(boolean enabled) {}

    /** All on or off at once, with the models under {@code modelCache}: for tests and benches. */
    public static InsightsProperties of(boolean shots, boolean blackFrames, boolean audio, boolean ocr, boolean transcript,
            Path modelCache) {
        return new InsightsProperties(new Analyzer(shots), new Analyzer(blackFrames), new Analyzer(audio), new Analyzer(ocr),
                new Analyzer(transcript), modelCache);
    }
}
