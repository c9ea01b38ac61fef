-- Duplicates: the hash of a drop's bytes, held by the first job that had them (a failed job gives it up), and
-- for a drop with the same bytes, the job whose video it takes its insights from.
ALTER TABLE pipeline_job ADD COLUMN content_hash VARCHAR(100);
ALTER TABLE pipeline_job ADD COLUMN duplicate_of VARCHAR(36);
CREATE UNIQUE INDEX pipeline_job_content_hash ON pipeline_job (content_hash);
