-- A phrasal verb and its particle read as one word (`sign up`, `sign-up`, `signup` as `signup`;
-- `log in` as `login`, `roll back` as `rollback`: see PHRASAL_VERBS in src/engine/tokens.ts),
-- where the particle was a stopword or a word of its own: "Sign in page" was refused as a
-- duplicate of "Sign up page", both read [page, sign], and "Log out fails on Safari" dropped from
-- a plan beside "Log in fails on Safari". A playbook task is known by its fingerprint, the hash of
-- its project and its title's words; made of the words as they read now, a task stored before is
-- known as the same work as one proposed from now on (a retry is refused while the same work is
-- open).
--
-- goalpost_title_fingerprint is Goalpost's own titleFingerprint, given to the migration by
-- Goalpost as it migrates (src/migration-functions.ts). Only hashes are made again: a backlog
-- item's task is known by its item (`item:bug:3`), not by words.
--
-- No two open tasks of a workspace may share a fingerprint (tasks_open_fingerprint). An open task
-- keeps the one it has when its new one is another open task's now, or an earlier open task's
-- new one too: two open tasks whose titles only now read alike stay two.
-- Forward-only: never edit this file once it has landed; add 0073_… instead.

CREATE TEMP TABLE refingerprinted AS
SELECT id,
       workspace_id,
       status IN ('proposed', 'approved', 'in_progress') AS open,
       fingerprint AS old,
       goalpost_title_fingerprint(project_id, title) AS new
FROM tasks
WHERE length(fingerprint) = 32 AND fingerprint NOT GLOB '*[^0-9a-f]*';

CREATE INDEX temp.refingerprinted_new ON refingerprinted (workspace_id, new) WHERE open;
CREATE INDEX temp.refingerprinted_old ON refingerprinted (workspace_id, old) WHERE open;

UPDATE tasks
SET fingerprint = r.new
FROM refingerprinted AS r
WHERE r.id = tasks.id
  AND r.new <> r.old
  AND NOT (
    r.open
    AND (
      EXISTS (SELECT 1 FROM refingerprinted AS o
              WHERE o.open AND o.workspace_id = r.workspace_id AND o.old = r.new AND o.id <> r.id)
      OR EXISTS (SELECT 1 FROM refingerprinted AS o
                 WHERE o.open AND o.workspace_id = r.workspace_id AND o.new = r.new AND o.id < r.id)
    )
  );

DROP TABLE temp.refingerprinted;
