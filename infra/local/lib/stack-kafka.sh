# shellcheck shell=bash
# Kafka (KRaft, one node that is broker and controller) from org.apache.kafka:kafka_2.13 and its
# dependencies, run as `kafka.Kafka server.properties` after `kafka.tools.StorageTool format`.
# Sourced by infra/local/stack after stack-common.sh and resolve_stack_home.
# shellcheck disable=SC2034,SC2154 # STARTED_AT and the ports are declared in stack-common.sh

KAFKA_VERSION=$(pom_prop kafka.version)
KAFKA_HOME="$DIST_DIR/kafka-$KAFKA_VERSION"
KAFKA_CONF="$CONF_DIR/kafka"
KAFKA_DATA="$DATA_DIR/kafka"
KAFKA_LOG="$LOG_DIR/kafka.log"   # log4j2 (infra/local/config/kafka-log4j2.properties)
KAFKA_OUT="$LOG_DIR/kafka.out"   # the JVM's stdout/stderr
: "${KAFKA_HEAP_OPTS:=-Xms512m -Xmx512m}"   # a whole test run creates ~1,000 partitions of its own prefixed topics; 256m ran out of heap on metadata
: "${KAFKA_START_TIMEOUT:=60}"

kafka_port() { echo "$KAFKA_PORT"; }
kafka_marker() { echo "kafka.Kafka $KAFKA_CONF/server.properties"; }
kafka_logs() { echo "$KAFKA_OUT $KAFKA_LOG"; }

kafka_unpacked() { [ -f "$KAFKA_HOME/.complete" ]; }
kafka_fetched() { [ -f "$SERVERS_TARGET/kafka/libs/kafka_2.13-$KAFKA_VERSION.jar" ]; }

kafka_unpack() {
  local tmp="$KAFKA_HOME.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp/libs"
  cp "$SERVERS_TARGET"/kafka/libs/*.jar "$tmp/libs/" || die "could not copy the Kafka jars"
  touch "$tmp/.complete"
  rm -rf "$KAFKA_HOME" && mv "$tmp" "$KAFKA_HOME"
}

kafka_configure() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  cp "$REPO_ROOT/infra/local/config/kafka-log4j2.properties" "$KAFKA_CONF/log4j2.properties"
  cat >"$KAFKA_CONF/server.properties" <<EOF
# written by infra/local/stack on every start; edit the script's variables, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# one small node: fewer internal partitions and threads than the defaults (50 / 8 io threads)
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
num.network.threads=2
num.io.threads=4
EOF
  own_for_service -R "$KAFKA_CONF"
  own_for_service "$KAFKA_DATA"
}

kafka_java() { # java with the fetched classpath, as the service user
  "${SVC[@]}" java -cp "$KAFKA_HOME/libs/*" -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_CONF/log4j2.properties" -Dkafka.logs.dir="$LOG_DIR" "$@"
}

# Formats the log dir once, with a cluster id generated once and kept in conf/kafka/cluster.id.
kafka_format() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  if [ ! -s "$KAFKA_CONF/cluster.id" ]; then
    # A Kafka cluster id is 16 random bytes in URL-safe base64. One that starts with '-' would be
    # read as an option by the storage tool, so the first character is kept alphanumeric.
    { printf 'k'; head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c2-22; } >"$KAFKA_CONF/cluster.id"
    own_for_service "$KAFKA_CONF/cluster.id"
  fi
  info "kafka: formatting $KAFKA_DATA (cluster id $(cat "$KAFKA_CONF/cluster.id"))"
  kafka_java kafka.tools.StorageTool format --cluster-id="$(cat "$KAFKA_CONF/cluster.id")" \
    -c "$KAFKA_CONF/server.properties" >>"$KAFKA_OUT" 2>&1 \
    || { show_logs "$KAFKA_OUT"; die "kafka: storage format failed"; }
}

KAFKA_LOG_OFFSET=0
kafka_start() {
  kafka_configure
  kafka_format
  local extra=()
  # JDK 24+ warns at every start that Kafka's dependencies use sun.misc.Unsafe
  [ "$(_java_major "$JAVA_HOME")" -ge 24 ] && extra+=(--sun-misc-unsafe-memory-access=allow)
  KAFKA_LOG_OFFSET=$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)
  STARTED_AT[kafka]=$(now)
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
  launch "$(pidfile_of kafka)" "$KAFKA_OUT" java $KAFKA_HEAP_OPTS "${extra[@]}" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_CONF/log4j2.properties" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$KAFKA_CONF/server.properties"
}

# An ApiVersions request (v0) on the wire: a reply carrying our correlation id (7) means the broker
# processes requests. The whole reply is read before closing.
kafka_api_versions_ok() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x07\xff\xff" >&3
    set -- $(dd bs=1 count=8 <&3 2>/dev/null | od -An -tx1)
    [ $# -eq 8 ] || exit 1
    head -c $((16#$1$2$3$4 - 4)) <&3 >/dev/null
    [ "$5$6$7$8" = 00000007 ]' "$KAFKA_PORT" 2>/dev/null
}

# While starting: also "Kafka Server started" in the log written since this launch.
kafka_answers() {
  kafka_api_versions_ok || return 1
  if [ -n "${STARTED_AT[kafka]:-}" ]; then
    local from=$((KAFKA_LOG_OFFSET + 1))
    [ "$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)" -ge "$KAFKA_LOG_OFFSET" ] || from=1 # rolled over
    tail -c +"$from" "$KAFKA_LOG" 2>/dev/null | grep -q 'Kafka Server started' || return 1
  fi
}

kafka_stop() { stop_pid "$1" kafka TERM 30; }

# Runs a Kafka CLI class with the fetched classpath, as the calling user (logging to stderr, WARN).
kafka_tool() {
  java -cp "$KAFKA_HOME/libs/*" -Dlog4j2.level=WARN "$@"
}
