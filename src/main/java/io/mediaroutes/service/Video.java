package io.mediaroutes.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.VideoIndex;
import java.time.Instant;

/** One Video resource of the Connector API, as stored by the service. */
public record Video(
        String id,
        String originalName,
        String fileName,
        String contentProtection,
        String contentKeyId,
        String contentKey,
        String inputEncryption,
        String inputKey,
        String inputIv,
        int duration,
        State state,
        int progress,
        String message,
        Instant createdAt,
        Instant updatedAt) {

    /** CREATED waits for upload and MarkComplete; QUEUED and PROCESSING are the durable processing queue. */
    public enum State { CREATED, QUEUED, PROCESSING, COMPLETED, FAILED }

    /** Video Indexer's name for the state: Uploaded, Processing, Processed, Failed. */
    public String indexState() {
        return switch (state) {
            case CREATED -> "Uploaded";
            case QUEUED, PROCESSING -> "Processing";
            case COMPLETED -> "Processed";
            case FAILED -> "Failed";
        };
    }

    public VideoIndex.Subject indexSubject() {
        return new VideoIndex.Subject(id, originalName, createdAt);
    }

    /** The index while there are no insights: state, progress, and the reason if it failed. */
    public ObjectNode pendingIndex() {
        return VideoIndex.pending(indexSubject(), indexState(), progress, duration, state == State.FAILED ? message : null);
    }

    /** Each video's blobs (the upload and everything made from it) live in one container. */
    public String container() {
        return "asset-" + id;
    }
}
