-- Which sinks already took a video's insights: a redelivery after a failure skips them.
ALTER TABLE pipeline_job ADD COLUMN delivered_sinks VARCHAR(2000);
