#!/bin/sh
# redis-server on all interfaces with its data in /data; the password, when REDIS_PASSWORD_FILE
# names a file (a Docker secret), goes in through the configuration on stdin, not the command line.
set -eu
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then
  if [ ! -r "$REDIS_PASSWORD_FILE" ]; then
    echo "redis-standin: cannot read REDIS_PASSWORD_FILE=$REDIS_PASSWORD_FILE" >&2
    exit 1
  fi
  # one line, quoted for redis.conf (backslashes and double quotes escaped)
  password="$(head -n 1 "$REDIS_PASSWORD_FILE" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
  exec redis-server - --bind 0.0.0.0 --protected-mode no --dir /data "$@" <<CONF
requirepass "$password"
CONF
fi
exec redis-server --bind 0.0.0.0 --protected-mode no --dir /data "$@"
