#!/usr/bin/env bash
# Operator benchmark: FoldTrainings against the fabric8 mock API server (CRUD mode) or a real
# kube-apiserver, with a kubelet stand-in; see docs/benchmarks.md (## Operator). Figures only,
# nothing is asserted.
#
#   bench/operator.sh [--server mock|real] [--count N] [--k K] [--kubelet fast|test] [--kubelet-threads T] [--in-process]
#                     [--skip-baseline] [--timeout S]
#                     [--operator-jvm-opts='-Xmx256m ...'] [--harness-jvm-opts='...']
#
# --server    mock (default) or real: etcd + kube-apiserver from $KUBE_API_TEST_DIR (made by
#             ci/kube-apiserver.sh, which this script runs when the variable is unset), no controller manager
# --count     FoldTrainings to create (default 1000)
# --k         folds each (default 5)
# --in-process  run the operator in the harness JVM (default: its own JVM, so heap/RSS are its own)
# --baseline-only  only the mock-server-alone measurement
# --skip-baseline  skip the mock-server-alone measurement (count x k ConfigMaps)
# --kubelet   fast (default; FastKubelet, no per-call lists) or test (TestKubelet; ~3 pods/s at 5,000 Jobs)
# --kubelet-threads  threads of the fast kubelet and of the finishers (default 8)
# --timeout   seconds to wait for every FoldTraining to be Ready (default 900)
# --operator-jvm-opts  JVM options of the operator's JVM (default -Xmx256m)
# --harness-jvm-opts   JVM options of the harness JVM (mock server, kubelet, watches; default -Xmx2g)
set -euo pipefail
cd "$(dirname "$0")/.."

harness_opts="-Xmx2g"
args=()
for a in "$@"; do
  case "$a" in
    --harness-jvm-opts=*) harness_opts="${a#--harness-jvm-opts=}" ;;
    *) args+=("$a") ;;
  esac
done

for a in "$@"; do
  if [ "$a" = real ] || [ "$a" = --server=real ]; then
    [ -n "${KUBE_API_TEST_DIR:-}" ] || KUBE_API_TEST_DIR="$(ci/kube-apiserver.sh)"
    export KUBE_API_TEST_DIR
  fi
done
./mvnw -B -q -pl operator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/classpath.txt)"
# shellcheck disable=SC2086
exec java $harness_opts -cp "$cp" dev.kubetune.operator.bench.OperatorBenchmark ${args[@]+"${args[@]}"}
