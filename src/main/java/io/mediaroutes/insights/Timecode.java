package io.mediaroutes.insights;

import java.util.Locale;

/** Video Indexer's time strings: {@code H:MM:SS.ff}, e.g. 0:00:04.12. */
public final class Timecode {

    private Timecode() {}

    public static String format(double seconds) {
        long hundredths = Math.round(Math.max(0, seconds) * 100);
        long h = hundredths / 360_000;
        long m = hundredths / 6_000 % 60;
        long s = hundredths / 100 % 60;
        long f = hundredths % 100;
        return f == 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d:%02d.%02d", h, m, s, f);
    }

    /** Parses H:MM:SS(.ff...) back to seconds. */
    public static double parse(String timecode) {
        String[] parts = timecode.split(":");
        return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Double.parseDouble(parts[2]);
    }
}
