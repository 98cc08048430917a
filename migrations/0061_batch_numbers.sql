-- Each workspace numbers its batches from 1, as it numbers its tasks (T-1, T-2…). A batch was
-- named by its row id, shared by every workspace of the database: a team added to a database
-- another team had used read "batch 2" over its first batch, and "valued again with batch 37".
--
-- - batches.number: the batch's number in its workspace, 1 for its first; the texts that name a
--   batch ("TASK GENERATION SUMMARY (batch 1)", "valued again with batch 1") say it. The row id
--   stays what references a batch (tasks, chat messages, digest runs) and what the API's batchId
--   is. NULL never once this has run: a batch is numbered as it is inserted.
-- Forward-only: never edit this file once it has landed; add 0062_… instead.

ALTER TABLE batches ADD COLUMN number INTEGER;

UPDATE batches SET number = (
  SELECT count(*) FROM batches AS earlier
  WHERE earlier.workspace_id = batches.workspace_id AND earlier.id <= batches.id
);

CREATE UNIQUE INDEX batches_workspace_number ON batches (workspace_id, number);
