package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shot boundaries on footage made the way real footage goes wrong for a colour histogram (ShotCases; bench/quality
 * prints the same kinds beside ffmpeg's scene score): each true boundary found within 0.5 s, nothing else.
 */
class ShotKindsTest {

    @TempDir
    Path dir;

    static Stream<ShotCases.Case> cases() {
        return ShotCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTrueBoundaryAndNothingElse(ShotCases.Case shotCase) throws Exception {
        List<Double> found = ShotCases.detect(shotCase.make(dir), dir.resolve("work"));
        assertThat(found).as(shotCase.kind()).hasSameSizeAs(shotCase.truth());
        for (int i = 0; i < found.size(); i++) {
            assertThat(Math.abs(found.get(i) - shotCase.truth().get(i))).as(shotCase.kind() + " boundary " + i + " at " + found.get(i))
                    .isLessThanOrEqualTo(0.5);
        }
    }
}
