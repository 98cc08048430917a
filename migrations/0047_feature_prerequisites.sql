-- A feature that waits for another of its project (`feature after 7 9`: build the checkout after
-- its design spike). A plan proposes the feature only with its prerequisite, ordered after it, or
-- after the task already open for it; while the team holds the prerequisite back (rejected or
-- failed), the feature is held back too. Before this, a 40-hour feature rejected for "needs a
-- design spike first" came back after its hold while the spike was still open.
-- Both sides are features of one project (the use case refuses others, and cycles); an edge whose
-- prerequisite is done is met and stays, as the team wrote it. Deleting either feature (an issue
-- closed as not planned) drops the edge. `from_github`: the edge is a GitHub issue's "blocked by"
-- (a sync keeps those as GitHub says), not typed (`feature after`, which a sync never drops).
-- Forward-only: never edit this file once it has landed; add 0048_… instead.

CREATE TABLE feature_prerequisites (
  feature_id INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  after_id   INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  from_github INTEGER NOT NULL DEFAULT 0 CHECK (from_github IN (0, 1)),
  PRIMARY KEY (feature_id, after_id),
  CHECK (feature_id <> after_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX feature_prerequisites_after ON feature_prerequisites (after_id);
