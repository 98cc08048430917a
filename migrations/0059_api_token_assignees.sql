-- The assignees an API token acts for: whose work it may claim from the queue, and whose outcomes
-- it may record (start, done, failed), over the HTTP API.
--
-- A review found any member token could claim a task as any assignee, a person included, and fail
-- it, lowering that person's record, from which routing learns. A member token with rows here acts
-- only for these assignees; one with none, for worker agents only (a person's record is theirs, or
-- an approver's to mark). Approver and admin tokens act for anyone, as people with those roles do
-- in chat. Names, not ids: removing an assignee leaves its tokens bound to its name (acting for it
-- again if it is added back), never free to act for anyone. Names match ignoring case, as
-- assignees' do. A token deleted with its workspace takes its rows with it.
-- Forward-only: never edit this file once it has landed; add 0060_… instead.

CREATE TABLE api_token_assignees (
  token_id  INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  assignee  TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(assignee)) > 0),
  PRIMARY KEY (token_id, assignee)
) STRICT, WITHOUT ROWID;
