-- The open features the team ranked up (critical or high: typed, 0049, or from GitHub's labels,
-- 0048), found without reading every feature: a plan bounds what the unread items of their
-- projects may score by the most their priority weighs (see BacklogSource.teamWeights), and
-- nearly every feature has none, so each index holds a handful of rows.
-- Forward-only: never edit this file once it has landed; add 0052_… instead.

CREATE INDEX features_ranked_up ON features (project_id)
  WHERE priority IN ('critical', 'high') AND status <> 'done';

CREATE INDEX github_issues_ranked_up ON github_issues (feature_id)
  WHERE label_priority IN ('critical', 'high') AND feature_id IS NOT NULL;
