-- What a task is worth toward the team's goals, in dollars a month, beside its revenue impact: a
-- task proposed for a goal that is slipping wins no revenue of its own, and its card said
-- "+$0/mo" beside a reasoning worth $64.60 a month toward the goal. Tasks saved before this
-- migration read 0 (their reasoning still says the value); a plan that values a proposal again
-- writes it.
-- Forward-only: never edit this file once it has landed; add 0045_… instead.

ALTER TABLE tasks ADD COLUMN goal_value REAL NOT NULL DEFAULT 0 CHECK (goal_value >= 0);
