package io.mediaroutes.insights;

import java.awt.image.BufferedImage;

/**
 * What a picture, or a box in it, looks like: its luma (0..1) sampled on a grid; two looks that differ little are
 * the same picture (OCR reads a still frame once) or the same thing (a face followed from frame to frame).
 */
public final class Looks {

    private Looks() {}

    /** Luma samples at the centres of a {@code cols} x {@code rows} grid over the box at (x0, y0), w x h. */
    public static double[] of(VideoFrame frame, int x0, int y0, int w, int h, int cols, int rows) {
        byte[] rgb = frame.rgb();
        return of(cols, rows, (x, y) -> {
            int px = Math.min(frame.width() - 1, Math.max(0, x0 + x * w / (2 * cols)));
            int py = Math.min(frame.height() - 1, Math.max(0, y0 + y * h / (2 * rows)));
            int p = (py * frame.width() + px) * 3;
            return (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | (rgb[p + 2] & 0xff);
        });
    }

    /** Luma samples at the centres of a {@code cols} x {@code rows} grid over the whole picture. */
    public static double[] of(BufferedImage image, int cols, int rows) {
        return of(cols, rows, (x, y) -> image.getRGB(x * image.getWidth() / (2 * cols), y * image.getHeight() / (2 * rows)));
    }

    /** Mean absolute difference of two looks, 0..1. */
    public static double difference(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private interface Sampler {
        /** The RGB at half-cell coordinates (2c+1, 2r+1) of the grid. */
        int rgb(int x, int y);
    }

    private static double[] of(int cols, int rows, Sampler sampler) {
        double[] look = new double[cols * rows];
        for (int i = 0; i < look.length; i++) {
            int rgb = sampler.rgb(i % cols * 2 + 1, i / cols * 2 + 1);
            look[i] = (0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff)) / 255;
        }
        return look;
    }
}
