-- The open bugs the team judged (`goalpost bug affects`), found without reading every bug: a bug
-- claims its part of its product's share of the revenue gap beside the product's growth work, and
-- a judged one claims less than its severity's, so a plan in parts reads their projects at once
-- for its totals on that share to be a plan at once's (see BacklogSource.judgedProjects). Nearly
-- every bug has no judged share: the index holds a handful of rows.
-- Forward-only: never edit this file once it has landed; add 0068_… instead.

CREATE INDEX bugs_judged ON bugs (project_id)
  WHERE affects IS NOT NULL AND status = 'open' AND severity <> 'low';
