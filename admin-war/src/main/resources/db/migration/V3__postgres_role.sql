-- The password of each backpack's own PostgreSQL role (bp_<name>), kept like its admin key: sent to
-- the backpack in its settings file, never shown to a browser nor logged. Null for backpacks made
-- before their data moved to PostgreSQL (and on a platform with a MongoDB): the in-process driver
-- makes one at the backpack's next start.
alter table backpacks add column postgres_password text;
