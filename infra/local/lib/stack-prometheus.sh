# shellcheck shell=bash
# Prometheus from Debian's `prometheus` package (it brings promtool), installed with apt when
# missing (as root), scraping every service's /actuator/prometheus with the operator's
# client-credentials token from the identity provider, with the alert and recording rules of
# infra/observability/rules. Sourced by infra/local/stack after stack-common.sh.
# shellcheck disable=SC2034,SC2154 # STARTED_AT and the ports are declared in stack-common.sh

PROMETHEUS_CONF="$CONF_DIR/prometheus"
PROMETHEUS_DATA="$DATA_DIR/prometheus"
PROMETHEUS_OUT="$LOG_DIR/prometheus.out"
PROMETHEUS_TARGETS="$PROMETHEUS_CONF/targets"
RULES_DIR="$REPO_ROOT/infra/observability/rules"
: "${PROMETHEUS_RETENTION:=2d}"
: "${PROMETHEUS_START_TIMEOUT:=60}"

prometheus_port() { echo "$PROMETHEUS_PORT"; }
prometheus_marker() { echo "--config.file=$PROMETHEUS_CONF/prometheus.yml"; }
prometheus_logs() { echo "$PROMETHEUS_OUT"; }

# Installed from the distribution, not fetched from Maven: "unpacked" means the binaries are
# there, and "unpacking" installs them.
prometheus_unpacked() { command -v prometheus >/dev/null && command -v promtool >/dev/null; }
prometheus_fetched() { return 0; }
prometheus_unpack() {
  is_root || die "Prometheus is not installed and installing it needs root: sudo apt-get install prometheus"
  command -v apt-get >/dev/null || die "Prometheus is not installed and there is no apt-get: install prometheus and promtool"
  info "installing Debian's prometheus package (with promtool; log: $LOG_DIR/apt.log)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } \
    >"$LOG_DIR/apt.log" 2>&1 || { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get could not install prometheus"; }
  # The package's own service is not ours: the stack runs its own Prometheus on its own port.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
}

# One scrape job per service (the first instances; INSTANCES=N adds the others' ports), each
# scraped with the operator's token (OAuth2 client credentials at the identity provider).
prometheus_job() { # name port
  local name=$1 port=$2 k targets
  targets="'127.0.0.1:$port'"
  if [ "$name" != exchange-simulator ] && [ "$name" != identity ]; then
    for ((k = 2; k <= ${INSTANCES:-1}; k++)); do targets="$targets, '127.0.0.1:$((port + 100 * (k - 1)))'"; done
  fi
  printf '  - job_name: trading-%s\n' "$name"
  printf '    metrics_path: /actuator/prometheus\n'
  printf '    static_configs:\n      - targets: [%s]\n' "$targets"
  printf '    oauth2:\n      client_id: trading-operator\n'
  printf '      client_secret_file: %s\n' "$PROMETHEUS_CONF/operator-secret"
  printf '      token_url: %s/oauth2/token\n' "${TRADING_ISSUER_URI:-http://127.0.0.1:9000}"
  printf '      scopes: [trading.operator]\n'
}

# Services started by something else than `make run` (the end-to-end tests' processes) announce
# their ports by writing a file into $PROMETHEUS_CONF/targets (Prometheus's file-based discovery,
# re-read every 5 s), with their job as a label, and keep an operator token of the issuer they
# trust in targets/operator-token (read at every scrape): theirs is not the issuer of `make run`.
prometheus_discovered_job() {
  printf '  - job_name: trading-discovered\n'
  printf '    metrics_path: /actuator/prometheus\n'
  printf '    file_sd_configs:\n      - files: ["%s/*.json"]\n        refresh_interval: 5s\n' "$PROMETHEUS_TARGETS"
  printf '    authorization:\n      type: Bearer\n      credentials_file: %s\n' "$PROMETHEUS_TARGETS/operator-token"
}

prometheus_configure() {
  mkdir -p "$PROMETHEUS_CONF" "$PROMETHEUS_DATA" "$PROMETHEUS_TARGETS"
  printf '%s' "${TRADING_OPERATOR_SECRET:-operator-secret}" >"$PROMETHEUS_CONF/operator-secret"
  chmod 600 "$PROMETHEUS_CONF/operator-secret"
  # Until tests announce a system (and its token), the discovered job has nothing to scrape.
  [ -f "$PROMETHEUS_TARGETS/operator-token" ] || printf 'none' >"$PROMETHEUS_TARGETS/operator-token"
  {
    echo "# written by infra/local/stack on every start; edit infra/local/lib/stack-prometheus.sh, not this file"
    printf 'global:\n  scrape_interval: 15s\n  evaluation_interval: 30s\n'
    printf 'rule_files:\n  - %s\n  - %s\n' "$RULES_DIR/recording.yml" "$RULES_DIR/alerts.yml"
    echo "scrape_configs:"
    prometheus_job command-side "${COMMAND_PORT:-8081}"
    prometheus_job query-side "${QUERY_PORT:-8082}"
    prometheus_job saga-orchestrator "${SAGA_PORT:-8083}"
    prometheus_job projections "${PROJECTIONS_PORT:-8084}"
    prometheus_job exchange-simulator "${EXCHANGE_PORT:-8090}"
    prometheus_job identity "${IDENTITY_PORT:-9000}"
    prometheus_discovered_job
  } >"$PROMETHEUS_CONF/prometheus.yml"
  promtool check config "$PROMETHEUS_CONF/prometheus.yml" >"$LOG_DIR/promtool.log" 2>&1 \
    || { cat "$LOG_DIR/promtool.log" >&2; die "the generated $PROMETHEUS_CONF/prometheus.yml is not valid"; }
  own_for_service -R "$PROMETHEUS_CONF"
  own_for_service "$PROMETHEUS_DATA"
  # Whoever runs the tests writes there, whichever user Prometheus runs as.
  chmod 1777 "$PROMETHEUS_TARGETS"
}

prometheus_start() {
  prometheus_configure
  STARTED_AT[prometheus]=$(now)
  launch "$(pidfile_of prometheus)" "$PROMETHEUS_OUT" \
    "$(command -v prometheus)" --config.file="$PROMETHEUS_CONF/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DATA" --storage.tsdb.retention.time="$PROMETHEUS_RETENTION" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle
}

prometheus_answers() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" 2>/dev/null
}

prometheus_stop() {
  stop_pid "$1" prometheus TERM 30
}
