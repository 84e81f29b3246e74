# shellcheck shell=bash
# Elasticsearch 8.19 from org.elasticsearch.distribution.integ-test-zip:elasticsearch:zip, a runnable
# server with few modules (no painless, no mapper-extras, no ingest): single node, no security.
# Sourced by infra/local/stack after stack-common.sh and resolve_stack_home.
# shellcheck disable=SC2034,SC2154 # STARTED_AT and the ports are declared in stack-common.sh

ES_VERSION=$(pom_prop elasticsearch.version)
ES_HOME="$DIST_DIR/elasticsearch-$ES_VERSION"
ES_CONF="$CONF_DIR/elasticsearch"
ES_DATA="$DATA_DIR/elasticsearch"
ES_LOG_DIR="$LOG_DIR/elasticsearch"      # the server's own logs (path.logs)
ES_OUT="$LOG_DIR/elasticsearch.out"      # the launcher's stdout/stderr
ES_CLUSTER_NAME=trading-local
: "${ES_HEAP_SIZE:=512m}"
: "${ES_START_TIMEOUT:=120}"

elasticsearch_port() { echo "$ES_PORT"; }
elasticsearch_marker() { echo "-Des.path.home=$ES_HOME "; }
elasticsearch_logs() { echo "$ES_OUT $ES_LOG_DIR/$ES_CLUSTER_NAME.log"; }

elasticsearch_unpacked() { [ -f "$ES_HOME/.complete" ]; }
elasticsearch_fetched() { [ -f "$SERVERS_TARGET/elasticsearch/elasticsearch-$ES_VERSION.zip" ]; }

elasticsearch_unpack() {
  local tmp="$ES_HOME.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  unzip -q "$SERVERS_TARGET/elasticsearch/elasticsearch-$ES_VERSION.zip" -d "$tmp" \
    || die "could not unpack the Elasticsearch distribution"
  mv "$tmp/elasticsearch-$ES_VERSION"/* "$tmp/" && rmdir "$tmp/elasticsearch-$ES_VERSION"
  touch "$tmp/.complete"
  rm -rf "$ES_HOME" && mv "$tmp" "$ES_HOME"
}

elasticsearch_configure() {
  mkdir -p "$ES_CONF/jvm.options.d" "$ES_DATA" "$ES_LOG_DIR" "$STACK_HOME/tmp/elasticsearch"
  # the distribution's config files once (log4j2.properties, jvm.options, ...); ours on every start
  cp -rn "$ES_HOME/config/." "$ES_CONF/"
  cat >"$ES_CONF/elasticsearch.yml" <<EOF
# written by infra/local/stack on every start; edit the script's variables, not this file
cluster.name: $ES_CLUSTER_NAME
node.name: local-1
path.data: $ES_DATA
path.logs: $ES_LOG_DIR
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
  cat >"$ES_CONF/jvm.options.d/stack.options" <<EOF
# written by infra/local/stack on every start
-Xms$ES_HEAP_SIZE
-Xmx$ES_HEAP_SIZE
# jvm.options pre-touches the whole heap at start; idle memory matters more here
-XX:-AlwaysPreTouch
# jvm.options logs GC to ./gc.log (the working directory): send it to path.logs, smaller
-Xlog:disable
-Xlog:all=warning:stderr:utctime,level,tags
-Xlog:gc*:file=$ES_LOG_DIR/gc.log:utctime,level,pid,tags:filecount=2,filesize=8m
EOF
  own_for_service -R "$ES_CONF"
  own_for_service "$ES_DATA" "$ES_LOG_DIR" "$STACK_HOME/tmp" "$STACK_HOME/tmp/elasticsearch"
}

# bin/elasticsearch -d starts the server, waits until it is up, then exits; the server writes its
# own pid file (-p). The launcher's pid is kept apart so a start-up can be told from a crash.
elasticsearch_start() {
  elasticsearch_configure
  STARTED_AT[elasticsearch]=$(now)
  launch "$RUN_DIR/elasticsearch-launcher.pid" "$ES_OUT" \
    ES_JAVA_HOME="$JAVA_HOME" ES_PATH_CONF="$ES_CONF" ES_TMPDIR="$STACK_HOME/tmp/elasticsearch" ES_JAVA_OPTS= \
    "$ES_HOME/bin/elasticsearch" -d -p "$(pidfile_of elasticsearch)"
}

elasticsearch_launching() {
  local pid
  pid=$(tr -dc 0-9 <"$RUN_DIR/elasticsearch-launcher.pid" 2>/dev/null || true)
  pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$ES_HOME"
}

elasticsearch_answers() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=3s" 2>/dev/null
}

elasticsearch_stop() {
  stop_pid "$1" elasticsearch TERM 30
  rm -f "$RUN_DIR/elasticsearch-launcher.pid"
}
