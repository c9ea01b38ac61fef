package io.mediaroutes.media;

import java.util.ArrayList;
import java.util.List;

/**
 * The adaptive bitrate ladder: 360p, 720p and 1080p H.264 renditions, only those at or below the source
 * height (never upscaled). A source shorter than 360 lines gets one rendition at its own height.
 */
public final class Ladder {

    /** One rendition: its name, height and H.264 bitrate in kbit/s. */
    public record Rung(String name, int height, int videoKbps) {
        /** Width keeping the source's aspect ratio, rounded to an even number as H.264 needs. */
        public int width(int sourceWidth, int sourceHeight) {
            return (int) Math.round(sourceWidth * (double) height / sourceHeight / 2) * 2;
        }

        public int bandwidth() {
            return (videoKbps + Encoder.AUDIO_KBPS) * 1000;
        }
    }

    static final List<Rung> RUNGS = List.of(new Rung("360p", 360, 800), new Rung("720p", 720, 2500),
            new Rung("1080p", 1080, 5000));

    private Ladder() {}

    public static List<Rung> forSource(int height) {
        List<Rung> rungs = new ArrayList<>(RUNGS.stream().filter(r -> r.height() <= height).toList());
        if (rungs.isEmpty()) {
            int even = Math.max(2, height / 2 * 2);
            rungs.add(new Rung(even + "p", even, 400));
        }
        return rungs;
    }
}
