-- JDBC sink: one row per video, upserted by video id (idempotent redelivery).
CREATE TABLE video_insights (
    video_id          VARCHAR(64)   PRIMARY KEY,
    name              VARCHAR(1024) NOT NULL,
    duration_seconds  INTEGER       NOT NULL,
    state             VARCHAR(32)   NOT NULL,
    insights          JSONB         NOT NULL,
    delivered_at      TIMESTAMP     NOT NULL
);
