package io.mediaroutes.insights;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The analyzers ({@code mediaroutes.insights}); one switched off says {"status":"disabled"} in the index. */
@Validated
@ConfigurationProperties("mediaroutes.insights")
public record InsightsProperties(@NotNull Analyzer shots, @NotNull Analyzer blackFrames, @NotNull Analyzer audio,
        @NotNull @Valid OcrSettings ocr, @NotNull Analyzer transcript, @NotNull @Valid Sampled faces, @NotNull @Valid Sampled objects,
        @NotNull Analyzer language, @NotNull Entities entities, @NotNull Analyzer sentiment, @NotNull Analyzer topics,
        @NotNull @Valid Vision vision, @NotNull Path modelCache) {

    public record Analyzer(boolean enabled) {}

    /** Text in the picture, and what reads it: PP-OCR (scene text) or Tesseract (pages). */
    public record OcrSettings(boolean enabled, @NotNull OcrEngine engine) {}

    public enum OcrEngine { PP_OCR, TESSERACT }

    /** Named people, places and brands; {@code brands} is the operator's file of more brands (none if not set). */
    public record Entities(boolean enabled, Path brands) {}

    /** An analyzer of frames, and how many frames a second it looks at. */
    public record Sampled(boolean enabled, @Positive @Max(10) double framesPerSecond) {}

    /**
     * The vision worker (faces, objects): {@code home} is where the build installed Node.js and the worker's packages
     * with their models ({@code target/vision}); frames reach it at most {@code frameHeight} lines high.
     */
    public record Vision(@NotNull Path home, @Min(240) @Max(2160) int frameHeight) {}

    /** The vision worker where the build puts it, frames up to 720 lines. */
    public static final Vision BUILT_VISION = new Vision(Path.of("target/vision"), 720);

    /**
     * All on or off at once, faces and objects off, the text analyzers (language, entities, sentiment, topics) on, with
     * the models under {@code modelCache}: for tests and benches.
     */
    public static InsightsProperties of(boolean shots, boolean blackFrames, boolean audio, boolean ocr, boolean transcript,
            Path modelCache) {
        return new InsightsProperties(new Analyzer(shots), new Analyzer(blackFrames), new Analyzer(audio), new OcrSettings(ocr, OcrEngine.PP_OCR),
                new Analyzer(transcript), new Sampled(false, 1), new Sampled(false, 0.5), new Analyzer(true), new Entities(true, null),
                new Analyzer(true), new Analyzer(true), BUILT_VISION, modelCache);
    }

    /** These settings with text read by {@code engine}. */
    public InsightsProperties withOcrEngine(OcrEngine engine) {
        return new InsightsProperties(shots, blackFrames, audio, new OcrSettings(ocr.enabled(), engine), transcript, faces, objects, language,
                entities, sentiment, topics, vision, modelCache);
    }

    /** These settings with faces and objects switched as given, at their default rates. */
    public InsightsProperties withVision(boolean faces, boolean objects) {
        return new InsightsProperties(shots, blackFrames, audio, ocr, transcript, new Sampled(faces, 1), new Sampled(objects, 0.5),
                language, entities, sentiment, topics, vision, modelCache);
    }
}
