-- Data brought in from another store (the MongoDB stand-in of releases before the postgres
-- engine): one row per source once everything of it is copied and the counts agree.
CREATE TABLE imports (
  source      text        PRIMARY KEY,
  finished_at timestamptz NOT NULL,
  counts      jsonb       NOT NULL
);
