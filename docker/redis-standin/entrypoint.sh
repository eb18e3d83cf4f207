#!/bin/sh
# Like the redis image's entrypoint: `redis-server [options]` or just `[options]` start the server,
# any other command runs as given (e.g. `sh -c "exec redis-server ..."`). The server listens on all
# interfaces with its data in /data; the password, when REDIS_PASSWORD_FILE names a file (a Docker
# secret), goes in through the configuration on stdin, not the command line.
set -eu
case "${1:-}" in
  redis-server) shift ;;
  "" | -*) ;;
  *) exec "$@" ;;
esac
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
