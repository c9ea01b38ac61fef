package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one place that knows which step may follow which, and the step names a failed drop's reason file gives. */
class JobStateTest {

    @Test
    void anIngestGoesForwardOnlyAndAnythingButADeliveryMayFail() {
        assertThat(JobState.NEW.mayBecome(JobState.CREATED)).isTrue();
        assertThat(JobState.CREATED.mayBecome(JobState.CREATED)).as("a fresh UploadUri on resume").isTrue();
        assertThat(JobState.CREATED.mayBecome(JobState.UPLOADED)).isTrue();
        assertThat(JobState.UPLOADED.mayBecome(JobState.PROCESSING)).isTrue();
        assertThat(JobState.NEW.mayBecome(JobState.PROCESSING)).as("Video Indexer's one upload call").isTrue();
        assertThat(JobState.PROCESSING.mayBecome(JobState.DELIVERED)).isTrue();

        assertThat(JobState.CREATED.mayBecome(JobState.PROCESSING)).as("MarkComplete before the upload").isFalse();
        assertThat(JobState.PROCESSING.mayBecome(JobState.CREATED)).as("backwards").isFalse();
        assertThat(JobState.DELIVERED.mayBecome(JobState.FAILED)).as("a delivered drop stays delivered").isFalse();
        for (JobState state : JobState.values()) {
            assertThat(state.mayBecome(JobState.FAILED)).as(state + " may fail").isEqualTo(state != JobState.DELIVERED);
        }
    }

    @Test
    void aFailedDropNamesTheStepItStoppedBefore() {
        assertThat(DropFolder.step("NEW")).isEqualTo("create-video");
        assertThat(DropFolder.step("CREATED")).isEqualTo("upload");
        assertThat(DropFolder.step("UPLOADED")).isEqualTo("mark-complete");
        assertThat(DropFolder.step("PROCESSING")).isEqualTo("processing");
        assertThat(DropFolder.step("ingest-file")).isEqualTo("pick-up");
        assertThat(DropFolder.step(null)).isEqualTo("pick-up");
    }

    @Test
    void aJobSaysWhatComesNext() {
        Job fresh = new Job("1", "a.mp4", "/drop/a.mp4", null, null, JobState.NEW, null, null, null);
        Job created = new Job("1", "a.mp4", "/drop/a.mp4", "v", "http://svc/blob", JobState.CREATED, null, null, null);
        Job blob = new Job("2", "b.mp4", BlobDrop.SCHEME + "drops/b.mp4", "v", null, JobState.UPLOADED, null, null, null);
        assertThat(fresh.needsCreate()).isTrue();
        assertThat(fresh.needsUpload()).isTrue();
        assertThat(created.needsCreate()).isFalse();
        assertThat(created.needsFreshUploadUri()).isTrue();
        assertThat(blob.needsUpload()).isFalse();
        assertThat(blob.isBlob()).isTrue();
        assertThat(fresh.isBlob()).isFalse();
    }
}
