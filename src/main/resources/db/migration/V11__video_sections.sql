-- The rag-sink: each video's Prompt Content sections with their sentence embeddings (all-MiniLM-L6-v2, 384 numbers of
-- unit length: a dot product is the cosine similarity), for a retrieval (RAG) application to read with plain SQL.
CREATE TABLE video_sections (
    video_id       VARCHAR(64)      NOT NULL,
    section_id     INTEGER          NOT NULL,
    name           VARCHAR(1024)    NOT NULL,
    start_seconds  DOUBLE PRECISION NOT NULL,
    end_seconds    DOUBLE PRECISION NOT NULL,
    content        VARCHAR(100000)  NOT NULL,
    embedding      DOUBLE PRECISION ARRAY NOT NULL,
    model          VARCHAR(100)     NOT NULL,
    delivered_at   TIMESTAMP        NOT NULL,
    PRIMARY KEY (video_id, section_id)
);
