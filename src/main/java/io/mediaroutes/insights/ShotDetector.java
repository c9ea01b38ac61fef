package io.mediaroutes.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Shot boundaries from colour histograms, for hard cuts and for dissolves and fades alike. Each frame is
 * compared with the frame {@code span} seconds earlier; across a boundary (a cut, or a transition shorter
 * than the span) that distance stays high for a run of frames, while motion inside a shot barely changes the
 * colour distribution. A run's centre, moved back by half the span, is the middle of the transition.
 *
 * @param threshold histogram distance (0..1, half the L1 distance) above which frames belong to different shots
 * @param spanSeconds how far apart compared frames are: the longest transition handled as one boundary
 */
public record ShotDetector(double threshold, double spanSeconds) {

    public static final ShotDetector DEFAULT = new ShotDetector(0.35, 1.6);

    /** Boundary times in seconds, ascending, for histograms sampled at {@code fps}. */
    public List<Double> boundaries(List<double[]> histograms, int fps) {
        int span = Math.max(1, (int) Math.round(spanSeconds * fps));
        List<Double> boundaries = new ArrayList<>();
        int runStart = -1;
        for (int i = span; i <= histograms.size(); i++) {
            boolean high = i < histograms.size() && distance(histograms.get(i), histograms.get(i - span)) > threshold;
            if (high && runStart < 0) {
                runStart = i;
            } else if (!high && runStart >= 0) {
                double centre = (runStart + i - 1) / 2.0 - span / 2.0 + 0.5;
                boundaries.add(Math.max(0, centre) / fps);
                runStart = -1;
            }
        }
        return boundaries;
    }

    /** Half the L1 distance between two normalised histograms: 0 for the same colours, 1 for disjoint ones. */
    public static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / 2;
    }
}
