package io.mediaroutes.pipeline;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a drop is on its way, and the one place that knows which step may follow which:
 * NEW → CREATED (the video exists) → UPLOADED (bytes sent) → PROCESSING (marked complete, polled) → DELIVERED;
 * any state but DELIVERED may end in FAILED. A video the service already had complete skips from NEW or CREATED to
 * UPLOADED; Video Indexer's flow goes from NEW straight to PROCESSING (one upload call).
 */
public enum JobState {
    NEW, CREATED, UPLOADED, PROCESSING, DELIVERED, FAILED;

    /** The states of an ingest that has not reached MarkComplete: a restart resumes them. */
    public static final Set<JobState> INGESTING = EnumSet.of(NEW, CREATED, UPLOADED);

    public boolean mayBecome(JobState next) {
        return switch (this) {
            case NEW -> next == CREATED || next == UPLOADED || next == PROCESSING || next == FAILED;
            case CREATED -> next == CREATED || next == UPLOADED || next == FAILED; // CREATED again: a fresh UploadUri
            case UPLOADED -> next == PROCESSING || next == FAILED;
            case PROCESSING -> next == DELIVERED || next == FAILED;
            case DELIVERED -> false;
            case FAILED -> next == FAILED;
        };
    }

    /** The step an ingest stopped before, for a failed drop's reason file. */
    public String nextStep() {
        return switch (this) {
            case NEW -> "create-video";
            case CREATED -> "upload";
            case UPLOADED -> "mark-complete";
            case PROCESSING -> "processing";
            case DELIVERED -> "delivered";
            case FAILED -> "failed";
        };
    }
}
