package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * One kind of insight. The video is decoded once ({@link Signals}); an analyzer says what it needs of that pass and
 * writes its fields. {@link InsightsAnalyzer} switches it on or off, times it and isolates its failure: a field of a
 * failed analyzer reads {@code {"error": ...}}, of a switched-off one {@code {"status":"disabled"}}, and the rest of
 * the index is complete either way.
 */
public interface Analyzer {

    /** Its name in logs and timings (the setting is {@code mediaroutes.insights.<name>.enabled}). */
    String name();

    /** The index fields it writes under {@code insights}. */
    List<String> fields();

    boolean enabled();

    /** Colour frames a second it wants from the shared decode; 0 for none. */
    default double framesPerSecond() {
        return 0;
    }

    /** Whether it reads the grey frames the shared decode writes for OCR (one a second). */
    default boolean readsOcrFrames() {
        return false;
    }

    /**
     * Whether it reads what other analyzers found (their text, their faces): then it finishes after them; the
     * others finish at once, each in a thread of its own.
     */
    default boolean readsOtherAnalyzers() {
        return false;
    }

    /** Starts on one video: frames arrive while the video is decoded, then {@link Run#finish} writes the fields. */
    Run start(Analysis analysis) throws IOException;

    /** An analyzer at work on one video. */
    interface Run {

        /** A frame at this analyzer's rate; nothing of it may be kept but what the index needs. */
        default void frame(VideoFrame frame) throws IOException {}

        /** After the decode: writes this analyzer's fields into {@code insights} (its own: others write theirs at once). */
        void finish(ObjectNode insights) throws IOException;
    }
}
