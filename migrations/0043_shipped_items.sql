-- Growth work shipped lately, found without reading the backlog: a feature done (not upkeep) or a
-- critical bug fixed keeps its part of the revenue gap until a revenue period after it is recorded
-- (see shippedAwaitingRevenue in the engine), so planning reads the items done in the last weeks
-- of a workspace. These partial indexes hold only such items, by when they last changed, with
-- their project: a plan reads the few it needs, not every done feature of every project.
-- Forward-only: never edit this file once it has landed; add 0044_… instead.

CREATE INDEX features_shipped ON features (updated_at, project_id) WHERE status = 'done' AND upkeep = 0;
CREATE INDEX bugs_critical_fixed ON bugs (updated_at, project_id) WHERE status = 'fixed' AND severity = 'critical';
