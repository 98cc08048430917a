-- The default growth playbook's title names a project's share of the revenue gap as such.
--
-- It read 'toward the {gap}/month revenue gap', and {gap} was a project's share: the digest said
-- 'toward the $116/month revenue gap' while the gap was $579. {gap} is now the whole gap and
-- {share} the project's part; the default title says '{share}/month of the revenue gap', so two
-- earners' experiments are told apart and neither misstates the gap. Only a title still as shipped
-- is changed: a team's own wording stays.
-- Forward-only: never edit this file once it has landed; add 0033_… instead.

UPDATE playbooks
SET title = 'Run a user-acquisition experiment toward {share}/month of the revenue gap by {month}'
WHERE key = 'growth.experiment'
  AND title = 'Run a user-acquisition experiment toward the {gap}/month revenue gap by {month}';
