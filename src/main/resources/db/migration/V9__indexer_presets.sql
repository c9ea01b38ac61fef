-- Video Indexer uploads keep the presets they asked for, to answer them back as the real service does.
ALTER TABLE indexer_video ADD COLUMN indexing_preset VARCHAR(32) DEFAULT 'Default' NOT NULL;
ALTER TABLE indexer_video ADD COLUMN streaming_preset VARCHAR(32) DEFAULT 'Default' NOT NULL;
