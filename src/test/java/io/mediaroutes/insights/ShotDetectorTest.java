package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotDetectorTest {

    static final int FPS = 10;

    @Test
    void aHardCutIsFoundAtItsFrame() {
        List<double[]> frames = new ArrayList<>();
        add(frames, colour(0), 30);
        add(frames, colour(1), 30);

        assertThat(ShotDetector.DEFAULT.boundaries(frames, FPS)).singleElement().satisfies(t -> assertThat(t).isCloseTo(3.0, within(0.15)));
    }

    @Test
    void aDissolveIsOneBoundaryAtItsMiddle() {
        List<double[]> frames = new ArrayList<>();
        add(frames, colour(0), 40);
        for (int i = 1; i <= 10; i++) { // 1 s dissolve from 4.0 s to 5.0 s
            frames.add(mix(colour(0), colour(1), i / 11.0));
        }
        add(frames, colour(1), 40);

        assertThat(ShotDetector.DEFAULT.boundaries(frames, FPS)).singleElement().satisfies(t -> assertThat(t).isCloseTo(4.5, within(0.3)));
    }

    @Test
    void aSteadyShotHasNoBoundary() {
        List<double[]> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            frames.add(mix(colour(0), colour(2), 0.1 + 0.05 * Math.sin(i / 3.0))); // flicker, motion
        }
        assertThat(ShotDetector.DEFAULT.boundaries(frames, FPS)).isEmpty();
    }

    private static double[] colour(int bin) {
        double[] h = new double[64];
        h[bin * 21] = 1;
        return h;
    }

    private static double[] mix(double[] a, double[] b, double t) {
        double[] h = new double[a.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = a[i] * (1 - t) + b[i] * t;
        }
        return h;
    }

    private static void add(List<double[]> frames, double[] h, int count) {
        for (int i = 0; i < count; i++) {
            frames.add(h);
        }
    }
}
