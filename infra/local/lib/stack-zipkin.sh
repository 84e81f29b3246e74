# shellcheck shell=bash
# Zipkin (the trace backend) from io.zipkin:zipkin-server:<version>:exec, a runnable jar, with its
# in-memory storage (traces are kept while it runs; ZIPKIN_MAX_SPANS bounds them).
# Sourced by infra/local/stack after stack-common.sh and resolve_stack_home.
# shellcheck disable=SC2034,SC2154 # STARTED_AT and the ports are declared in stack-common.sh

ZIPKIN_VERSION=$(pom_prop zipkin.version)
ZIPKIN_HOME="$DIST_DIR/zipkin-$ZIPKIN_VERSION"
ZIPKIN_JAR="$ZIPKIN_HOME/zipkin-server-$ZIPKIN_VERSION-exec.jar"
ZIPKIN_OUT="$LOG_DIR/zipkin.out"
: "${ZIPKIN_HEAP_OPTS:=-Xms64m -Xmx384m}"
: "${ZIPKIN_MAX_SPANS:=100000}"   # the oldest traces go first; a test run makes ~250,000 spans
: "${ZIPKIN_START_TIMEOUT:=90}"

zipkin_port() { echo "$ZIPKIN_PORT"; }
zipkin_marker() { echo "$ZIPKIN_JAR"; }
zipkin_logs() { echo "$ZIPKIN_OUT"; }

zipkin_unpacked() { [ -f "$ZIPKIN_JAR" ]; }
zipkin_fetched() { [ -f "$SERVERS_TARGET/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar" ]; }

zipkin_unpack() {
  mkdir -p "$ZIPKIN_HOME"
  cp "$SERVERS_TARGET/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar" "$ZIPKIN_JAR.tmp" || die "could not copy the Zipkin jar"
  mv "$ZIPKIN_JAR.tmp" "$ZIPKIN_JAR"
}

zipkin_start() {
  STARTED_AT[zipkin]=$(now)
  # shellcheck disable=SC2086 # ZIPKIN_HEAP_OPTS holds several options
  launch "$(pidfile_of zipkin)" "$ZIPKIN_OUT" \
    STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MAX_SPANS" \
    "$JAVA_HOME/bin/java" $ZIPKIN_HEAP_OPTS -jar "$ZIPKIN_JAR" \
    --server.address=127.0.0.1 --server.port="$ZIPKIN_PORT" --logging.level.root=WARN
}

zipkin_answers() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$ZIPKIN_PORT/health" 2>/dev/null
}

zipkin_stop() {
  stop_pid "$1" zipkin TERM 30
}
