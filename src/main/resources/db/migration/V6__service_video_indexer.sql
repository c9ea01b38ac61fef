-- Video Indexer-compatible uploads: the fields its API takes with a video, beside the video itself.
CREATE TABLE indexer_video (
    video_id        VARCHAR(36)   PRIMARY KEY,
    description     VARCHAR(2000),
    external_id     VARCHAR(256),
    callback_url    VARCHAR(2048),
    metadata        VARCHAR(4000),
    partition_name  VARCHAR(256),
    privacy         VARCHAR(16)   NOT NULL,
    language        VARCHAR(32)
);
CREATE INDEX indexer_video_external ON indexer_video (external_id);
