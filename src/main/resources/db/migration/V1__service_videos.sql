-- The embedded Connector service: one row per Video resource; also its durable processing queue.
CREATE TABLE service_video (
    id                    VARCHAR(36)   PRIMARY KEY,
    original_name         VARCHAR(1024) NOT NULL,
    file_name             VARCHAR(300)  NOT NULL,
    content_protection    VARCHAR(16)   NOT NULL,
    content_key_id        VARCHAR(36),
    content_key           VARCHAR(64),
    input_encryption      VARCHAR(16),
    input_key             VARCHAR(64),
    input_iv              VARCHAR(64),
    duration              INTEGER       NOT NULL DEFAULT 0,
    state                 VARCHAR(16)   NOT NULL,
    progress              INTEGER       NOT NULL DEFAULT 0,
    message               VARCHAR(2000),
    created_at            TIMESTAMP     NOT NULL,
    updated_at            TIMESTAMP     NOT NULL
);
CREATE INDEX service_video_state ON service_video (state, updated_at);
