-- The default growth playbook's title names whose part of the revenue gap it works toward, with
-- no figure.
--
-- It read 'toward {share}/month of the revenue gap', and {share} is what a product's open work
-- leaves of its part of the gap, which moves with the backlog every morning: the same experiment
-- was 'toward $1,177/month …' one day and 'toward $1,250/month …' the next, read as new work, and
-- the line holding back a rejected one named a title the team never saw. {part} is
-- "Invoicer's share of the revenue gap" (or "the revenue gap" for a workspace whose products earn
-- nothing yet); the dollars stay in the task's value and reasoning. Only a title still as shipped
-- is changed: a team's own wording stays.
-- Forward-only: never edit this file once it has landed; add 0065_… instead.

UPDATE playbooks
SET title = 'Run a user-acquisition experiment toward {part} by {month}'
WHERE key = 'growth.experiment'
  AND title = 'Run a user-acquisition experiment toward {share}/month of the revenue gap by {month}';
