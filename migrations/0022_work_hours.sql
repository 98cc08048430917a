-- Working hours (issue 22): the span of a working day each person works, as wall-clock times in
-- their own zone (`09:00`-`17:30`, the end not included; `24:00` ends a span at midnight). Both
-- null: any hour of a working day, as before this migration, so nothing changes for a team that
-- sets none. Reminders mention only approvers within their hours; routing and held digests still
-- go by the day.
-- Forward-only: never edit this file once it has landed; add 0023_… instead.
ALTER TABLE people ADD COLUMN work_start TEXT
  CHECK (work_start IS NULL OR (work_start GLOB '[0-2][0-9]:[0-5][0-9]' AND work_start < '24:00'));
-- A span within one day: it ends after it starts (an overnight span is refused by the command).
ALTER TABLE people ADD COLUMN work_end TEXT
  CHECK ((work_end IS NULL) = (work_start IS NULL)
    AND (work_end IS NULL OR (work_end GLOB '[0-2][0-9]:[0-5][0-9]' AND work_end <= '24:00'
      AND work_end > work_start)));
