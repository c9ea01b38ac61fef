-- Leases on the work tables: which instance works on a row, and until when (io.mediaroutes.cluster.Leases).
ALTER TABLE pipeline_job ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE pipeline_job ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE service_video ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE service_video ADD COLUMN lease_until TIMESTAMP;
CREATE INDEX pipeline_job_lease ON pipeline_job (lease_owner);
CREATE INDEX service_video_lease ON service_video (lease_owner);
-- Create Video is idempotent per client-request-id: a client that crashed before reading the answer asks again.
ALTER TABLE service_video ADD COLUMN client_request_id VARCHAR(100);
CREATE UNIQUE INDEX service_video_client_request ON service_video (client_request_id);
