# shellcheck shell=bash
# Sourced by launchers (after select_jdk): start a Spring Boot jar from JDK 25's ahead-of-time
# cache (JEP 483, 514, 515). The jar is extracted once (Spring Boot's `-Djarmode=tools extract`:
# the application and its libraries as plain jars on the class path, which the cache can cover,
# unlike classes inside a nested jar). The first run of a build records what it loads and
# compiles and writes the cache as it exits (a clean stop: make down, or the CLI's end); later runs
# start with those classes loaded and linked and with the methods' profiles: about half the start
# time, and less CPU spent in the JIT. Everything lives under .local/aot, keyed by the jar's content
# (the build is reproducible, so a rebuild without changes keeps the cache); another build's files
# are removed. Nothing happens on a JDK older than 25, or with AOT_CACHE=off.

# aot_prepare NAME JAR: sets AOT_JAR (the jar to run) and AOT_OPTS (the JVM options to add).
aot_prepare() {
  local name=$1 jar=$2 dir key extracted major
  AOT_JAR=$jar
  AOT_OPTS=""
  [ "${AOT_CACHE:-on}" = off ] && return 0
  major=$(_java_major "$JAVA_HOME")
  [ -n "$major" ] && [ "$major" -ge 25 ] || return 0
  dir="$ROOT/.local/aot"
  mkdir -p "$dir"
  key=$(sha256sum "$jar" | cut -c1-16)
  extracted="$dir/$name-$key"
  find "$dir" -maxdepth 1 -name "$name-????????????????*" ! -name "$name-$key*" -exec rm -rf {} +
  if [ ! -f "$extracted/$(basename "$jar")" ]; then
    rm -rf "$extracted.tmp"
    if ! "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$extracted.tmp" >/dev/null 2>&1; then
      rm -rf "$extracted.tmp"
      return 0 # not a Spring Boot jar with the tools layer: run it as it is
    fi
    mv "$extracted.tmp" "$extracted"
  fi
  AOT_JAR="$extracted/$(basename "$jar")"
  # A cache the JVM cannot use (other options, another JDK build) is skipped quietly.
  if [ -s "$extracted.aot" ]; then
    AOT_OPTS="-XX:AOTCache=$extracted.aot -Xlog:aot=off -Xlog:cds=off"
  else
    AOT_OPTS="-XX:AOTCacheOutput=$extracted.aot -Xlog:aot=off -Xlog:cds=off"
  fi
}
