#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on 127.0.0.1, in a
# temporary folder, and removes the cluster afterwards whatever the outcome.
# The command sees SYNERGIA_TEST_POSTGRES_URL.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$bindir/initdb" ]] || { echo "PostgreSQL server binaries not found; run scripts/install-deps.sh test" >&2; exit 1; }

workdir=$(mktemp -d /tmp/synergia-pg.XXXXXX)
owner=$(id -un)
as_owner=()
# initdb refuses to run as root: the cluster then belongs to the postgres user.
if [[ "$(id -u)" == 0 ]]; then
  owner=postgres
  as_owner=(runuser -u postgres --)
  chown postgres "$workdir"
fi
chmod 700 "$workdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$workdir/data" -U synergia --auth=trust -E UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
  || { cat "$workdir/initdb.log" >&2; exit 1; }
# The suite runs its database tests concurrently, each with its own database and pools, and the
# CLI tests start processes with pools of their own: 200 connections were too few.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000" start >/dev/null \
  || { cat "$workdir/server.log" >&2; exit 1; }
echo "Throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (owner $owner)"

export SYNERGIA_TEST_POSTGRES_URL="postgres://synergia@127.0.0.1:$port/postgres?sslmode=disable"
set +e
"$@"
status=$?
set -e
exit $status
