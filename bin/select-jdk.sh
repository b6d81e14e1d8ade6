# Sourced by ./seedforge and .ci/run: exports JAVA_HOME and PATH for a JDK of 21 or more, or fails saying so.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm and /opt/java.

seedforge_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

seedforge_select_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(seedforge_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      best="$candidate"; best_major=$major; break
    fi
  done
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
      [ -x "$candidate" ] || continue
      major=$(seedforge_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"; best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "SeedForge needs a JDK of 21 or more; none found (JAVA_HOME, PATH, /usr/lib/jvm). Install one, e.g. Temurin 21." >&2
    return 1
  fi
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$best")")")
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
