package io.mediaroutes.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Shot boundaries, from two signals of the small frames (see {@link #boundaries(List, List, int)}):
 * <ul>
 * <li>hard cuts from content: the per-pixel difference to the previous frame, against the recent average (an
 *     adaptive threshold, as PySceneDetect's AdaptiveDetector), so another camera angle with the same colours is a
 *     cut, and steady camera motion is none;</li>
 * <li>flashes are no boundary: a change that reverts within a few frames (a camera flash, lightning);</li>
 * <li>fades through black or white are one boundary, at their darkest or brightest frame;</li>
 * <li>dissolves from colour histograms, as below, kept only where the picture is steady on both sides and the
 *     change lasts.</li>
 * </ul>
 * The histogram detector alone: shot boundaries from colour histograms, for hard cuts and dissolves alike. Each frame is
 * compared with the frame {@code span} seconds earlier; across a boundary (a cut, or a transition shorter
 * than the span) that distance stays high for a run of frames, while motion inside a shot barely changes the
 * colour distribution. A run's centre, moved back by half the span, is the middle of the transition.
 *
 * @param threshold histogram distance (0..1, half the L1 distance) above which frames belong to different shots
 * @param spanSeconds how far apart compared frames are: the longest transition handled as one boundary
 */
public record ShotDetector(double threshold, double spanSeconds) {

    public static final ShotDetector DEFAULT = new ShotDetector(0.35, 1.6);

    /** Least per-pixel difference (0..1) for a cut, and how many times the recent average it must be. */
    static final double MIN_CUT = 0.08;
    static final double ADAPTIVE_RATIO = 3.0;
    /** Frames on each side whose differences make the recent average. */
    static final int WINDOW = 3;
    /** How steady (a share of the threshold) the picture must be on both sides of a dissolve: not camera motion. */
    static final double STEADY = 0.75;
    /** Least share of the picture that changes at a cut: less is something appearing in the shot (a caption). */
    static final double MIN_CHANGED = 0.4;
    /** The middle of a fade is brief: a longer dark (bright) stretch is a dark (bright) shot. */
    static final double LONGEST_FADE_MIDDLE = 1.2;
    /** Mean luma under which a frame is black, over which it is white: the middle of a fade. */
    static final double DARK = 0.06;
    static final double BRIGHT = 0.94;

    /** Boundary times in seconds, ascending: cuts, fades and dissolves, without flashes. */
    public List<Double> boundaries(List<double[]> histograms, List<Signals.Frame> frames, int fps) {
        List<double[]> fades = fades(frames, fps); // {start, end, boundary} in seconds
        List<Double> found = new ArrayList<>();
        for (double[] fade : fades) {
            found.add(fade[2]);
        }
        for (double cut : cuts(frames, fps)) {
            if (fades.stream().noneMatch(f -> cut >= f[0] && cut <= f[1])) {
                found.add(cut);
            }
        }
        for (double gradual : boundaries(histograms, fps)) {
            boolean nearOther = found.stream().anyMatch(b -> Math.abs(b - gradual) < 1.0)
                    || fades.stream().anyMatch(f -> gradual >= f[0] && gradual <= f[1]);
            if (!nearOther && lasting(histograms, gradual, fps)) {
                found.add(gradual);
            }
        }
        found.sort(Double::compare);
        List<Double> boundaries = new ArrayList<>();
        for (double b : found) {
            if (boundaries.isEmpty() || b - boundaries.get(boundaries.size() - 1) >= 0.5) {
                boundaries.add(b);
            }
        }
        return boundaries;
    }

    /** Hard cuts: a jump in content well over the recent average that does not revert within a few frames. */
    static List<Double> cuts(List<Signals.Frame> frames, int fps) {
        List<Double> cuts = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            double jump = frames.get(i).back()[0];
            if (!(jump >= MIN_CUT) || jump < ADAPTIVE_RATIO * recentAverage(frames, i) || frames.get(i).changed() < MIN_CHANGED) {
                continue;
            }
            boolean reverts = false; // a flash: a later frame looks like the one before the jump again
            for (int j = i + 1; j < Math.min(frames.size(), i + Signals.LOOK_BACK); j++) {
                reverts |= frames.get(j).back()[j - i] < jump / ADAPTIVE_RATIO;
            }
            if (reverts) {
                i += Signals.LOOK_BACK - 1;
            } else {
                cuts.add((double) i / fps);
            }
        }
        return cuts;
    }

    private static double recentAverage(List<Signals.Frame> frames, int i) {
        double sum = 0;
        int n = 0;
        for (int j = Math.max(1, i - WINDOW); j <= Math.min(frames.size() - 1, i + WINDOW); j++) {
            if (j != i) {
                sum += frames.get(j).back()[0];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Fades through black or white between two pictures: a run of dark (or bright) frames with ordinary frames on
     * both sides. Each is {start, end, boundary}: the run widened by the span (where other detections are the same
     * fade), and the darkest (brightest) frame's time.
     */
    List<double[]> fades(List<Signals.Frame> frames, int fps) {
        List<double[]> fades = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            boolean dark = frames.get(i).luma() < DARK;
            boolean bright = frames.get(i).luma() > BRIGHT;
            if (!dark && !bright) {
                i++;
                continue;
            }
            int start = i;
            int extreme = i;
            while (i < frames.size() && (dark ? frames.get(i).luma() < DARK : frames.get(i).luma() > BRIGHT)) {
                boolean more = dark ? frames.get(i).luma() < frames.get(extreme).luma() : frames.get(i).luma() > frames.get(extreme).luma();
                extreme = more ? i : extreme;
                i++;
            }
            int span = i - (start - 1); // from the frame before the run to the one after it
            boolean flash = start > 0 && i < frames.size() && span <= Signals.LOOK_BACK
                    && frames.get(i).back()[span - 1] < Math.max(MIN_CUT, frames.get(start).back()[0] / ADAPTIVE_RATIO);
            boolean brief = i - start <= LONGEST_FADE_MIDDLE * fps;
            if (start > 0 && i < frames.size() && !flash && brief) { // between two pictures: not an opening, an ending, a flash
                fades.add(new double[] {(double) start / fps - spanSeconds, (double) i / fps + spanSeconds, (double) extreme / fps});
            }
        }
        return fades;
    }

    /** A dissolve is kept if the picture is steady before and after it, and differs across it. */
    private boolean lasting(List<double[]> histograms, double t, int fps) {
        double before = distance(at(histograms, t - spanSeconds - 0.2, fps), at(histograms, t - spanSeconds / 2 - 0.2, fps));
        double after = distance(at(histograms, t + spanSeconds / 2 + 0.2, fps), at(histograms, t + spanSeconds + 0.2, fps));
        double across = distance(at(histograms, t - spanSeconds / 2 - 0.2, fps), at(histograms, t + spanSeconds / 2 + 0.2, fps));
        return before < STEADY * threshold && after < STEADY * threshold && across > threshold;
    }

    private static double[] at(List<double[]> histograms, double seconds, int fps) {
        int i = (int) Math.round(seconds * fps);
        return histograms.get(Math.max(0, Math.min(histograms.size() - 1, i)));
    }

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
