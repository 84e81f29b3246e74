# shellcheck shell=bash
# Sourced by infra/local/stack: paths, the unprivileged service user, pid files, ports, waiting.
# Expects REPO_ROOT to be set. Nothing here starts a server.
# shellcheck disable=SC2034 # variables used by the other stack-*.sh files and infra/local/stack

: "${PG_PORT:=15432}"
: "${KAFKA_PORT:=19092}"
: "${KAFKA_CONTROLLER_PORT:=19093}"
: "${ES_PORT:=19200}"
: "${ES_TRANSPORT_PORT:=19300}"
: "${ZIPKIN_PORT:=9411}"
: "${PROMETHEUS_PORT:=9090}"
: "${STACK_USER:=tradingstack}"   # the user that runs the servers when the stack is started by root

SERVERS_POM="$REPO_ROOT/infra/local/servers/pom.xml"
SERVERS_TARGET="$REPO_ROOT/infra/local/servers/target"
SERVERS=(postgres kafka elasticsearch zipkin prometheus)

info() { echo "stack: $*" >&2; }
die() { echo "stack: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# A version property of infra/local/servers/pom.xml, so the pom stays the one place to change them.
pom_prop() {
  local v
  v=$(sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" "$SERVERS_POM" | head -n 1)
  [ -n "$v" ] || die "no <$1> property in $SERVERS_POM"
  echo "$v"
}

# True when a user outside the owner and group can reach $1 (every ancestor has o+x).
others_can_traverse() {
  local p=$1 mode
  while :; do
    mode=$(stat -c %A "$p" 2>/dev/null) || return 1
    case "${mode:9:1}" in x | t) ;; *) return 1 ;; esac
    [ "$p" = / ] && return 0
    p=$(dirname "$p")
  done
}

# Sets STACK_HOME. Root runs the servers as $STACK_USER, who must be able to reach STACK_HOME: when the
# repo sits in a directory closed to others and STACK_HOME was not given, fall back to /var/tmp.
STACK_HOME_NOTE=""
resolve_stack_home() {
  if [ -n "${STACK_HOME:-}" ]; then
    STACK_HOME=$(realpath -m "$STACK_HOME")
  else
    STACK_HOME="$REPO_ROOT/.local/stack"
    if is_root && ! others_can_traverse "$REPO_ROOT"; then
      STACK_HOME="/var/tmp/trading-stack/$(printf %s "$REPO_ROOT" | sha1sum | cut -c1-12)"
      STACK_HOME_NOTE="$REPO_ROOT is not reachable by the unprivileged user '$STACK_USER'; using STACK_HOME=$STACK_HOME"
    fi
  fi
  case "$STACK_HOME" in / | /usr | /usr/* | /etc | /etc/* | /bin | /sbin | /lib*) die "refusing STACK_HOME=$STACK_HOME" ;; esac
  export STACK_HOME
  RUN_DIR="$STACK_HOME/run"
  LOG_DIR="$STACK_HOME/logs"
  DIST_DIR="$STACK_HOME/dist"
  CONF_DIR="$STACK_HOME/conf"
  DATA_DIR="$STACK_HOME/data"
}

# ---- the user the servers run as -------------------------------------------------------------

# SVC is the command prefix that runs a program as the service user with a clean environment;
# extra VAR=value words may follow it (it ends in `env -i ...`). setpriv execs (no fork), so a pid
# taken from a program started through it is the program's own.
setup_service_user() {
  local path="$JAVA_HOME/bin:/usr/local/bin:/usr/bin:/bin"
  if is_root; then
    if ! id -u "$STACK_USER" >/dev/null 2>&1; then
      info "creating the unprivileged user '$STACK_USER' to run PostgreSQL, Kafka and Elasticsearch"
      useradd --system --create-home --user-group --shell /usr/sbin/nologin "$STACK_USER" \
        || die "could not create the user '$STACK_USER' (useradd failed)"
    fi
    local home
    home=$(getent passwd "$STACK_USER" | cut -d: -f6)
    SVC=(setpriv --reuid="$STACK_USER" --regid="$STACK_USER" --init-groups --reset-env
      env -i "HOME=$home" "USER=$STACK_USER" "PATH=$path" LANG=C.UTF-8)
    "${SVC[@]}" test -x "$JAVA_HOME/bin/java" \
      || die "the user '$STACK_USER' cannot run $JAVA_HOME/bin/java; set JAVA_HOME to a JDK >= 21 that others can read"
    local existing=$STACK_HOME
    while [ ! -e "$existing" ]; do existing=$(dirname "$existing"); done
    "${SVC[@]}" test -x "$existing" \
      || die "the user '$STACK_USER' cannot reach $existing; choose another STACK_HOME"
  else
    SVC=(env -i "HOME=$HOME" "USER=$(id -un)" "PATH=$path" LANG=C.UTF-8)
  fi
}

# Gives the service user what it writes (no-op unless root): `own_for_service [-R] PATH...`.
# Data directories are handed over once at the top (what the servers create there is theirs).
own_for_service() {
  is_root || return 0
  local opts=()
  [ "${1:-}" != -R ] || { opts=(-R); shift; }
  chown "${opts[@]}" "$STACK_USER:$STACK_USER" "$@"
}

# ---- pid files -----------------------------------------------------------------------------

pidfile_of() { echo "$RUN_DIR/$1.pid"; }

# Prints the pid of server $1 when its pid file names a live process that really is that server
# (its command line contains the marker ${1}_marker prints); removes a stale pid file.
server_pid() {
  local name=$1 file pid marker
  file=$(pidfile_of "$name")
  [ -f "$file" ] || return 0
  pid=$(tr -dc 0-9 <"$file" 2>/dev/null || true)
  marker=$("${name}_marker")
  if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    echo "$pid"
  else
    rm -f "$file" 2>/dev/null || true
  fi
}

# Alive = exists and is not a zombie (works for other users' processes too, unlike kill -0).
pid_alive() { [ -n "$1" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# stop_pid PID NAME [SIGNAL] [TIMEOUT]: send SIGNAL (default TERM), wait up to TIMEOUT s (30), then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 signal=${3:-TERM} timeout=${4:-30} waited=0
  pid_alive "$pid" || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  while pid_alive "$pid" && [ "$waited" -lt $((timeout * 5)) ]; do
    sleep 0.2
    waited=$((waited + 1))
  done
  if pid_alive "$pid"; then
    info "$name (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
}

rss_mib() { # VmRSS of a pid in MiB
  awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || true
}

# ---- ports -----------------------------------------------------------------------------------

port_busy() { # something accepts TCP connections on 127.0.0.1:$1
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null
}

# $1 = port, $2 = the variable that sets it
require_free_port() {
  if port_busy "$1"; then
    local who=""
    who=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 | sed 's/users:(("\(.*\)",pid=\(.*\)/ (\1, pid \2)/' || true)
    die "port $1 on 127.0.0.1 is already in use by another process$who; free it or pick another port, e.g. $2=$(($1 + 1000)) infra/local/stack up"
  fi
}

# ---- starting and waiting --------------------------------------------------------------------

# Starts "$@" in the background, detached (own session, stdin closed), as the service user, appending
# stdout/stderr to $2, working directory STACK_HOME; "$@" may start with VAR=value words. The process
# writes its own pid to $1 before exec'ing the program.
launch() {
  local pidfile=$1 out=$2
  shift 2
  rm -f "$pidfile"
  (cd "$STACK_HOME" && exec nohup setsid "${SVC[@]}" /bin/sh -c 'echo $$ > "$0"; exec env "$@"' "$pidfile" "$@") \
    >>"$out" 2>&1 </dev/null 9>&- & # 9 = the stack lock (see lock_stack), not to be inherited
  for _ in $(seq 50); do
    [ -s "$pidfile" ] && return 0
    sleep 0.1
  done
  die "could not launch $* (no pid file $pidfile after 5 s; see $out)"
}

# Prints the last lines of the given log files (those that exist).
show_logs() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "----- last 30 lines of $f -----" >&2
    tail -n 30 "$f" >&2
  done
}

# True while a launcher that will hand over to the server still runs (only Elasticsearch has one).
launching() { declare -F "${1}_launching" >/dev/null && "${1}_launching"; }

# await NAME TIMEOUT: polls ${NAME}_answers until it succeeds. Dies (with the log tails) when the
# process exits or the timeout passes. Says how long a start took (from STARTED_AT[NAME]).
await() {
  local name=$1 timeout=$2 deadline pid
  deadline=$((SECONDS + timeout))
  while :; do
    pid=$(server_pid "$name")
    if [ -n "$pid" ] && "${name}_answers"; then
      if [ -n "${STARTED_AT[$name]:-}" ]; then
        info "$name ready on 127.0.0.1:$("${name}_port") (pid $pid, answered $(elapsed "${STARTED_AT[$name]}") s after launch)"
      else
        info "$name already running and answering on 127.0.0.1:$("${name}_port") (pid $pid)"
      fi
      return 0
    fi
    if [ -z "$pid" ] && ! launching "$name"; then
      # shellcheck disable=SC2046 # one word per log file
      show_logs $("${name}_logs")
      die "$name exited during start-up (see the log above; all of it: infra/local/stack logs $name)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      # shellcheck disable=SC2046 # one word per log file
      show_logs $("${name}_logs")
      die "$name did not answer on 127.0.0.1:$("${name}_port") within ${timeout}s; see the log above${pid:+ (pid $pid still runs: 'infra/local/stack down' stops it)}"
    fi
    sleep 0.5
  done
}

declare -A STARTED_AT=()
now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# ---- artifacts -------------------------------------------------------------------------------

# Runs Maven on infra/local/servers/pom.xml (only when something is not unpacked yet and target/
# lacks it). The servers' own unpack functions then read from $SERVERS_TARGET.
fetch_artifacts() {
  local log="$LOG_DIR/fetch.log"
  info "fetching server artifacts from Maven Central (infra/local/servers/pom.xml; log: $log)"
  if ! (cd "$REPO_ROOT" && ./mvnw -B -q -f "$SERVERS_POM" clean process-resources) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "Maven could not fetch the server artifacts (see above and $log)"
  fi
}
