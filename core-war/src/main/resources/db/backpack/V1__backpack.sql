-- One backpack's data in its own schema (the connection's search_path), owned by its own role.

-- collections: the name as given, unique ignoring case (name_key), rules as a jsonb object
-- {list, read, create, update, delete}
CREATE TABLE collections (
  name       text        PRIMARY KEY,
  name_key   text        NOT NULL UNIQUE,
  rules      jsonb       NOT NULL,
  created_at timestamptz NOT NULL
);

-- records of every collection: the server fields as columns, the client's JSON object as jsonb;
-- deleting a collection deletes its records in the same statement
CREATE TABLE records (
  collection text        NOT NULL REFERENCES collections (name) ON DELETE CASCADE,
  id         text        NOT NULL,
  owner      text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version    integer     NOT NULL,
  data       jsonb       NOT NULL,
  PRIMARY KEY (collection, id)
);
-- ids and owners sort by code point (COLLATE "C", as MongoDB and Sorting's comparator do), so
-- these indexes name "C" whatever the database's own collation is
-- the default sort (-createdAt, with id as the tie-break) and its cursors
CREATE INDEX records_created ON records (collection, created_at, id COLLATE "C");
-- lists narrowed by the "owner" rule
CREATE INDEX records_owner ON records (collection, owner COLLATE "C", created_at, id COLLATE "C");
-- equality filters (containment)
CREATE INDEX records_data ON records USING gin (data jsonb_path_ops);

-- users: the email unique on its lower-cased value
CREATE TABLE users (
  id         text        PRIMARY KEY,
  email      text        NOT NULL,
  password   text        NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- file metadata; the bytes are in the backpack's files directory under the id
CREATE TABLE files (
  id           text        PRIMARY KEY,
  name         text        NOT NULL,
  size         bigint      NOT NULL,
  content_type text        NOT NULL,
  sha256       text        NOT NULL,
  owner        text,
  public       boolean     NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX files_owner ON files (owner, id);
