package io.mediaroutes.pipeline;

/**
 * A drop on its way through the pipeline (a row of table pipeline_job), as the routes carry it in variable
 * {@code job}. The routes ask it what to do next ({@code ${variable.job.needsCreate()}}), never compare its state.
 *
 * @param id        the job's id, also the Create Video request's client-request-id and Video Indexer's externalId
 * @param name      the drop's name (the file's, or the blob's)
 * @param path      the file's path, or {@code azure-blob://<container>/<blob>}
 * @param videoId   the service's video id once Create Video (or Upload Video) answered; null before
 * @param uploadUri where the bytes go, until MarkComplete
 * @param inputKey  AES-256 key of input storage encryption (base64), when asked for
 * @param inputIv   its IV
 */
public record Job(String id, String name, String path, String videoId, String uploadUri, JobState state, String error,
        String inputKey, String inputIv) {

    /** No video at the service yet: Create Video (or Video Indexer's Upload Video) comes next. */
    public boolean needsCreate() {
        return videoId == null;
    }

    /** A resumed ingest's UploadUri may be stale: it asks the service for its video again. */
    public boolean needsFreshUploadUri() {
        return state == JobState.CREATED;
    }

    /** The bytes are not at the service yet. */
    public boolean needsUpload() {
        return state == JobState.NEW || state == JobState.CREATED;
    }

    /** A blob drop, passed by URL where the service can fetch it. */
    public boolean isBlob() {
        return path.startsWith(BlobDrop.SCHEME);
    }
}
