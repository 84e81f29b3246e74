# shellcheck shell=bash
# Sourced by launchers (after select_jdk): JDK 25's ahead-of-time cache for a jar (JEP 483, 514,
# 515). The first run of a jar records what it loads and compiles and writes the cache as it exits;
# later runs of the same jar start with those classes loaded and linked and with the methods'
# profiles, so a short-lived JVM (the replay CLI) spends far less of its CPU in the JIT. Caches are
# kept under .local/aot, keyed by the jar's content; a new build's first run makes a new one and
# the old one is removed. Nothing on a JDK older than 25, or with AOT_CACHE=off.

aot_options() { # $1 = a name, $2 = the jar; prints the JVM options (nothing when not applicable)
  local name=$1 jar=$2 dir key cache major
  [ "${AOT_CACHE:-on}" = off ] && return 0
  major=$(_java_major "$JAVA_HOME")
  [ -n "$major" ] && [ "$major" -ge 25 ] || return 0
  dir="$ROOT/.local/aot"
  mkdir -p "$dir"
  key=$(sha256sum "$jar" | cut -c1-16)
  cache="$dir/$name-$key.aot"
  find "$dir" -maxdepth 1 -name "$name-*.aot" ! -name "$name-$key.aot" -delete
  # A cache the JVM cannot use (other options, another JDK build) is skipped quietly; the run goes on without it.
  if [ -s "$cache" ]; then
    echo "-XX:AOTCache=$cache -Xlog:aot=off -Xlog:cds=off"
  else
    echo "-XX:AOTCacheOutput=$cache -Xlog:aot=off -Xlog:cds=off"
  fi
}
