#!/bin/sh
# Like the postgres image's entrypoint, without its init scripts: `postgres [options]` or just
# `[options]` start the server (initialising $PGDATA first when it holds no database), any other
# command runs as given.
set -eu
case "${1:-}" in
  postgres) shift ;;
  "" | -*) ;;
  *) exec "$@" ;;
esac
: "${PGDATA:=/var/lib/postgresql/data}"
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    [ -r "$POSTGRES_PASSWORD_FILE" ] || { echo "postgres-standin: cannot read POSTGRES_PASSWORD_FILE=$POSTGRES_PASSWORD_FILE" >&2; exit 1; }
    password="$(head -n 1 "$POSTGRES_PASSWORD_FILE")"
  elif [ -n "${POSTGRES_PASSWORD:-}" ]; then
    password="$POSTGRES_PASSWORD"
  else
    echo "postgres-standin: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE" >&2
    exit 1
  fi
  # the password reaches initdb through a file only this user can read, never the command line
  pwfile="$(mktemp)"
  printf '%s\n' "$password" >"$pwfile"
  initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --no-instructions >&2
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # single-user mode: no server, no client needed; identifiers quoted ("" inside doubled)
    quoted="$(printf '%s' "$database" | sed 's/"/""/g')"
    owner="$(printf '%s' "$user" | sed 's/"/""/g')"
    echo "CREATE DATABASE \"$quoted\" OWNER \"$owner\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "postgres-standin: initialised $PGDATA (user $user, database $database)" >&2
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
