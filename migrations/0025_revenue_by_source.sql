-- Planning analyses each revenue source (a project, or the workspace itself) by its latest
-- complete records, but read every record of the workspace: a Stripe backfill writes twelve months
-- per project and each month synced one more, so a plan's read grew with the months (at 10,000
-- projects, a dry run took ×1.18 the time with twelve months per earning project, ×1.54 with
-- twenty-four, against three). This index orders each source's records by period, so a plan
-- seeks each source's latest ones instead (see latestPeriods in revenue-repository).
-- Forward-only: never edit this file once it has landed; add 0026_… instead.

CREATE INDEX revenue_records_source ON revenue_records (workspace_id, project_id, period_end);
