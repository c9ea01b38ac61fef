-- AES256 input encryption: the key and IV come only in the Create Video response; a resumed upload needs them.
ALTER TABLE pipeline_job ADD COLUMN input_key VARCHAR(64);
ALTER TABLE pipeline_job ADD COLUMN input_iv VARCHAR(64);
