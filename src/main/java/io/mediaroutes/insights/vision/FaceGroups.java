package io.mediaroutes.insights.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the faces of one video into people: average-linkage clustering of their FaceRes embeddings by cosine
 * similarity, merging the two closest groups while they are at least {@link #SAME_PERSON} alike. The threshold was
 * chosen on real faces (bench/quality prints the similarities of the same and of different people).
 */
final class FaceGroups {

    static final double SAME_PERSON = 0.65;

    private FaceGroups() {}

    /** The tracks (each with an embedding), grouped by person, people in order of first appearance. */
    static List<List<Track>> group(List<Track> tracks) {
        List<float[]> unit = tracks.stream().map(t -> normalized(t.embeddingSum)).toList();
        double[][] similarity = new double[tracks.size()][tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = 0; j < i; j++) {
                similarity[i][j] = similarity[j][i] = dot(unit.get(i), unit.get(j));
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            groups.add(new ArrayList<>(List.of(i)));
        }
        while (groups.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = SAME_PERSON;
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    double mean = 0;
                    for (int i : groups.get(a)) {
                        for (int j : groups.get(b)) {
                            mean += similarity[i][j];
                        }
                    }
                    mean /= groups.get(a).size() * groups.get(b).size();
                    if (mean >= best) {
                        best = mean;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            groups.get(bestA).addAll(groups.remove(bestB));
        }
        return groups.stream()
                .map(g -> g.stream().map(tracks::get).sorted(Comparator.comparingDouble(t -> t.first)).toList())
                .sorted(Comparator.comparingDouble(g -> g.get(0).first))
                .toList();
    }

    /** The vector scaled to length 1 (a zero vector stays zero). */
    static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length && norm > 0; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
