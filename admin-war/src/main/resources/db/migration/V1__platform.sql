-- The platform's registry: accounts, settings, backpacks, operations and their steps.

create table accounts (
  id            uuid        primary key,
  email         text        not null unique,             -- normalised: trimmed, lower case
  password_hash text        not null,                    -- pbkdf2-sha256$iterations$salt$hash
  role          text        not null check (role in ('owner', 'developer')),
  created_at    timestamptz not null default now()
);
-- at most one platform owner: two first sign-ups racing cannot both become owner
create unique index accounts_one_owner on accounts (role) where role = 'owner';

create table settings (
  key   text primary key,
  value text not null
);
insert into settings (key, value) values ('registration_open', 'true');

create table backpacks (
  name       text        primary key,                    -- the unique constraint that decides between two creates
  owner_id   uuid        references accounts (id) on delete restrict, -- null: made by the platform itself (--backpack)
  admin_key  text        not null,                       -- sent to the backpack; never shown to a browser
  state      text        not null check (state in ('creating', 'active', 'deleting')),
  created_at timestamptz not null default now()
);
create index backpacks_owner on backpacks (owner_id);

create table operations (
  id          uuid        primary key,
  kind        text        not null check (kind in ('create', 'delete')),
  backpack    text        not null,
  owner_id    uuid        references accounts (id) on delete set null, -- the backpack's owner: who may read it
  started_by  uuid        references accounts (id) on delete set null, -- null: the platform
  state       text        not null check (state in ('running', 'succeeded', 'failed')),
  error       text,
  created_at  timestamptz not null default now(),
  finished_at timestamptz
);
create index operations_backpack on operations (backpack, created_at desc);
create index operations_owner on operations (owner_id, created_at desc);

create table operation_steps (
  operation_id uuid        not null references operations (id) on delete cascade,
  seq          int         not null,
  at           timestamptz not null default now(),
  message      text        not null,
  primary key (operation_id, seq)
);
