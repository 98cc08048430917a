-- The priority labels (`priority: high`, `low priority`: see 0048) for the repositories connected
-- before them. `github connect` stores a copy of the default severity labels with each repository,
-- so one connected earlier kept the defaults of then, and 0048's re-read found no priority in a
-- feature's `priority: high` or `low priority` there, as a repository connected now does.
--
-- - github_repos.severity_labels: the priority labels added to every map that is still exactly the
--   old defaults (a team that gave its own labels keeps them as it gave them).
-- - github_repos.reread: set for those synced before, so the next sync reads their open issues
--   again with them (as 0048 does).
-- Forward-only: never edit this file once it has landed; add 0051_… instead.

UPDATE github_repos
SET severity_labels = json_patch(severity_labels, '{"priority: critical":"critical","priority:critical":"critical","priority: high":"high","priority:high":"high","high priority":"high","priority: medium":"medium","priority:medium":"medium","priority: low":"low","priority:low":"low","low priority":"low"}'),
  reread = CASE WHEN synced_at IS NOT NULL THEN 1 ELSE reread END
WHERE json(severity_labels) = json('{"critical":"critical","severity: critical":"critical","severity:critical":"critical","p0":"critical","high":"high","severity: high":"high","severity:high":"high","p1":"high","medium":"medium","severity: medium":"medium","severity:medium":"medium","p2":"medium","low":"low","severity: low":"low","severity:low":"low","p3":"low"}');
