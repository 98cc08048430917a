-- The default stale-project review claims none of what its product earns.
--
-- It claimed 10 % of it, as revenue the review protects, counted twice as earned now: "Review
-- Invoicely: set its next step or pause it" scored 557 beside the team's own work at 37, for a
-- product whose revenue had grown 20 %, and the batch's header said "$600 of it what the products
-- earn now, protected". An hour of deciding what to do next keeps no customer; what it values is
-- the vision's (its alignment), and as planning it comes after the real work whatever it scores.
-- Only the playbook as shipped is changed: a team's own share stays.
-- Forward-only: never edit this file once it has landed; add 0067_… instead.

UPDATE playbooks
SET impact_share = 0
WHERE key = 'stale.review'
  AND signal = 'stale_project'
  AND impact_share = 0.1;
