-- A metric's points by the time Goalpost recorded them: a goal's listing says who last recorded a
-- value and when (its freshness), which is the point recorded last, not the latest observed. With
-- no index on that time, every listing walked the metric's whole series in SQLite to find it:
-- 10-55 ms for a year of five-minute pushes (100,000 points), in every digest, plan, Home tab and
-- report that lists the goals; 0.01 ms with it. A point is written once and never updated, so a
-- push pays for one more index entry and nothing else does.
-- Forward-only: never edit this file once it has landed; add 0030_… instead.

CREATE INDEX metric_observations_recorded ON metric_observations (workspace_id, metric, created_at);
