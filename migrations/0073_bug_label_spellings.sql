-- Bug labels in their common spellings: with the default list, `Bug 🐛`, `kind: bug`, `type/bug`
-- and `[bug]` make an issue a bug as `bug` does (see bugLabelTest). A review saw a P0 crash
-- labelled `Bug 🐛` synced as a feature and proposed as "Build '…'" with a share of the gap.
--
-- - github_repos.reread: set for every repository synced before with the default list, so the
--   next sync reads its open issues again and an issue synced as a feature under the exact match
--   becomes the bug its labels say (see 0035). A list the team gave (`--bug-labels`) is matched as
--   written, as before: its repositories are left as they are.
-- Forward-only: never edit this file once it has landed; add 0074_… instead.

UPDATE github_repos SET reread = 1
WHERE synced_at IS NOT NULL
  AND json_array_length(bug_labels) = 4
  AND (
    SELECT count(DISTINCT value) FROM json_each(github_repos.bug_labels)
    WHERE value IN ('bug', 'type: bug', 'type:bug', 'kind/bug')
  ) = 4;
