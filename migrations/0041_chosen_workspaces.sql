-- A workspace made on purpose: `init` made it, or was run on it. A command on a workspace that
-- holds nothing yet, in a database with others, warns that its name may be a typo (see the CLI's
-- session); one chosen with `init` is not warned about while it is still empty.
--
-- - workspaces.chosen: 1 once `init` ran on it; 0 for every workspace so far, made by whatever
--   command first named it.
-- Forward-only: never edit this file once it has landed; add 0042_… instead.

ALTER TABLE workspaces ADD COLUMN chosen INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1));
