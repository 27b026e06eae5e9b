#!/usr/bin/env bash
# Every benchmark, one after the other, on a quiet machine: the runner against plain PyTorch
# (bench/runner.sh), then the operator at 1,000 FoldTrainings (bench/operator.sh) against the mock
# API server and against a real kube-apiserver. Figures only,
# nothing is asserted; docs/benchmarks.md explains each figure and keeps the latest ones.
#   bench/run.sh [--runner-only | --operator-only]
#   RUNNER_ARGS    extra arguments of bench/runner.sh   (e.g. "--repeat 5 --threads 2")
#   OPERATOR_ARGS  extra arguments of bench/operator.sh (e.g. "--count 200")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
what="${1:-all}"
case "$what" in
  all|--runner-only|--operator-only) ;;
  *) echo "bench/run.sh: unknown argument '$what' (use --runner-only or --operator-only)" >&2; exit 64 ;;
esac
# shellcheck disable=SC2086
if [ "$what" != --operator-only ]; then
  echo "== runner: kubetune bench against torch_reference.py =="
  "$here/runner.sh" ${RUNNER_ARGS:-}
fi
# shellcheck disable=SC2086
if [ "$what" != --runner-only ]; then
  echo "== operator: FoldTrainings against the fabric8 mock API server =="
  "$here/operator.sh" ${OPERATOR_ARGS:-}
  echo "== operator: FoldTrainings against a real kube-apiserver (ci/kube-apiserver.sh builds it once) =="
  if [ -z "${KUBE_API_TEST_DIR:-}" ]; then
    KUBE_API_TEST_DIR="$("$here/../ci/kube-apiserver.sh")" || KUBE_API_TEST_DIR=""
  fi
  if [ -n "$KUBE_API_TEST_DIR" ]; then
    KUBE_API_TEST_DIR="$KUBE_API_TEST_DIR" "$here/operator.sh" --server real --skip-baseline ${OPERATOR_ARGS:-}
  else
    echo "!!!!! no real API server: ci/kube-apiserver.sh could not build one; only the mock server's figures above" >&2
  fi
fi
