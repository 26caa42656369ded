#!/bin/sh
# analyse-policies FILE...: the least-privilege analysis of IAM policy documents, or of what
# `aws iam get-account-authorization-details` printed, without the service or its database. One JSON line per
# policy on standard output, a summary on standard error; exit 0 all judged, 1 some not judged, 2 unusable input.
#
# It is a one-shot process of a second or two, so it starts the JVM for that: the client compiler only
# (-XX:TieredStopAtLevel=1), whose quick compilations pay back within such a run where C2's do not, and the serial
# collector. The long-lived service keeps the JVM's defaults. Its class path is this jar and Jackson, nothing else.
#
# Installed by `mvn package` as target/quarkus-app/bin/analyse-policies.sh. POSTURE_AUDIT_CLASSPATH replaces the
# class path (to run from a build tree), JAVA_HOME picks the JVM, ANALYSE_POLICIES_OPTS adds JVM options.
set -eu
home=$(cd "$(dirname "$0")/.." && pwd)
classpath=${POSTURE_AUDIT_CLASSPATH:-}
if [ -z "$classpath" ]; then
  for jar in "$home"/app/*.jar "$home"/lib/main/com.fasterxml.jackson.core.jackson-*.jar; do
    if [ ! -f "$jar" ]; then
      echo "analyse-policies: expected the built service under $home (app/*.jar and lib/main/), found no $jar;" \
        "run mvn -B package -DskipTests first" >&2
      exit 2
    fi
    classpath="$classpath${classpath:+:}$jar"
  done
fi
java=java
if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
fi
# shellcheck disable=SC2086 # ANALYSE_POLICIES_OPTS is a list of options
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto ${ANALYSE_POLICIES_OPTS:-} \
  -cp "$classpath" io.postureaudit.policy.cli.AnalysePolicies "$@"
