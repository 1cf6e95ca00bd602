-- What was said (issue 6): the request's inputs, the messages sent to the model, the answer and why it stopped;
-- all null for a deployment with logBodies: false. ttft_micros: a stream's time to its first piece of text.
ALTER TABLE request_logs ADD COLUMN inputs        JSONB;
ALTER TABLE request_logs ADD COLUMN messages      JSONB;
ALTER TABLE request_logs ADD COLUMN answer        TEXT;
ALTER TABLE request_logs ADD COLUMN finish_reason TEXT;
ALTER TABLE request_logs ADD COLUMN ttft_micros   BIGINT;
