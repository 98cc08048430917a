-- A repository connected through a GitHub App (GITHUB_APP_ID, GITHUB_PRIVATE_KEY) keeps the id of
-- the App's installation that reaches it: its syncs sign in as that installation. NULL: the token.
-- Forward-only: never edit this file once it has landed; add 0015_… instead.
ALTER TABLE github_repos ADD COLUMN installation_id INTEGER CHECK (installation_id IS NULL OR installation_id >= 1);
