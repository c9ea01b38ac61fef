package io.mediaroutes.insights;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** One decoded picture, {@code width * height * 3} bytes of RGB, at {@code seconds} into the video. */
public record VideoFrame(double seconds, int width, int height, byte[] rgb) {

    /** The part of this frame at (x, y), w x h, kept inside the frame. */
    public VideoFrame crop(int x, int y, int w, int h) {
        int x0 = Math.max(0, Math.min(width - 1, x));
        int y0 = Math.max(0, Math.min(height - 1, y));
        int cw = Math.max(1, Math.min(w, width - x0));
        int ch = Math.max(1, Math.min(h, height - y0));
        byte[] part = new byte[cw * ch * 3];
        for (int row = 0; row < ch; row++) {
            System.arraycopy(rgb, ((y0 + row) * width + x0) * 3, part, row * cw * 3, cw * 3);
        }
        return new VideoFrame(seconds, cw, ch, part);
    }

    /** This frame as a picture, for ImageIO and Java 2D. */
    public BufferedImage image() {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < bgr.length; p += 3) {
            bgr[p] = rgb[p + 2];
            bgr[p + 1] = rgb[p + 1];
            bgr[p + 2] = rgb[p];
        }
        return picture;
    }
}
