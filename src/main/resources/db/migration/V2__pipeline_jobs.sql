-- The pipeline's in-flight videos: a restart resumes each one at the step it reached.
CREATE TABLE pipeline_job (
    id          VARCHAR(36)   PRIMARY KEY,
    source      VARCHAR(1200) NOT NULL UNIQUE,
    name        VARCHAR(1024) NOT NULL,
    path        VARCHAR(4096) NOT NULL,
    video_id    VARCHAR(64),
    upload_uri  VARCHAR(4096),
    state       VARCHAR(16)   NOT NULL,
    error       VARCHAR(4000),
    created_at  TIMESTAMP     NOT NULL,
    updated_at  TIMESTAMP     NOT NULL
);
CREATE INDEX pipeline_job_state ON pipeline_job (state);

-- Camel's JdbcMessageIdRepository table: each drop is taken once, across restarts and instances.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1200) NOT NULL,
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);
