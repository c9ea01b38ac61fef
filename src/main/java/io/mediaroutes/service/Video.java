package io.mediaroutes.service;

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

    /** Each video's blobs (the upload and everything made from it) live in one container. */
    public String container() {
        return "asset-" + id;
    }
}
