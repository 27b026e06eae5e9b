#!/usr/bin/env bash
# Long prompts: prefill peak memory against prompt length (512 .. 8,192 tokens), one JVM per length so
# that no length's peak carries into another's, then the throughput of a mixed-length data set (10..2,000
# tokens per row) batched in row order and by length, on a checkpoint with Qwen2.5-0.5B's exact shapes
# (random weights, 32k context). See docs/benchmarks.md.
#   bench/long-prompts.sh [lengths, e.g. 512,1024,2048,4096,8192] [mixed rows, 16] [batch, 4] [dtype, auto]
#   KUBETUNE_BENCH_CKPT  the checkpoint folder (default .kubetune/bench/qwen2.5-0.5b-bf16; made with
#                        bench/reference/bigckpt.py when missing: Debian's python3-torch, ~1 GiB on disk)
#   KUBETUNE_BENCH_LAYERS  N: measure a view of the checkpoint with only its first N decoder layers (its own
#                        folder beside the checkpoint, files linked, config.json's num_hidden_layers = N): one
#                        layer's activations are the same, the KV cache is N layers', the run N/24 as long
# Needs ~2 GiB of memory at 8,192 tokens in bfloat16; on a shared machine run it alone (e.g. under flock).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ckpt="${KUBETUNE_BENCH_CKPT:-$here/.kubetune/bench/qwen2.5-0.5b-bf16}"
lengths="${1:-512,1024,2048,4096,8192}"
rows="${2:-16}"
batch="${3:-4}"
dtype="${4:-auto}"
if [ ! -f "$ckpt/model.safetensors" ] && [ ! -f "$ckpt/model.safetensors.index.json" ]; then
  echo "bench: making $ckpt" >&2
  /usr/bin/python3 "$here/bench/reference/bigckpt.py" "$ckpt" --shape qwen2.5-0.5b --dtype bf16 >&2
fi
if [ -n "${KUBETUNE_BENCH_LAYERS:-}" ]; then
  view="$ckpt-first${KUBETUNE_BENCH_LAYERS}layers"
  mkdir -p "$view"
  for f in "$ckpt"/*; do
    [ "$(basename "$f")" = config.json ] || ln -sf "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$view/"
  done
  /usr/bin/python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); c["num_hidden_layers"] = int(sys.argv[3]); json.dump(c, open(sys.argv[2], "w"), indent=2)' \
    "$ckpt/config.json" "$view/config.json" "$KUBETUNE_BENCH_LAYERS"
  ckpt="$view"
fi
cd "$here"
classpath="$(mktemp)"   # this run's own: two runs at once must not read each other's half-written file
./mvnw -B -q -o -pl runner -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath" >&2
bench() {
  java -Xms64m -XX:MaxDirectMemorySize=1t -cp "runner/target/classes:runner/target/test-classes:crds/target/classes:$(cat "$classpath")" \
    dev.kubetune.runner.bench.LongPromptBenchmark "$@" 2> >(grep -v -e '^WARNING' -e SLF4J >&2)
}
table="$(mktemp)"
trap 'rm -f "$table" "$classpath"' EXIT
bench header "$ckpt" "$dtype"
for length in ${lengths//,/ }; do
  bench prefill "$ckpt" "$length" "$dtype" | tee -a "$table"
done
# Linear in L means a constant cost per token: the rise between two lengths over the tokens between them
echo
echo "| from | to | peak rise per 1,000 more tokens, MiB |"
echo "| ---: | ---: | ---: |"
tr -d ',' < "$table" | awk -F'|' '{ l = $2 + 0; r = $7 + 0; if (n++) printf "| %d | %d | %.1f |\n", pl, l, (r - pr) * 1000 / (l - pl); pl = l; pr = r }'
echo
bench mixed "$ckpt" "$rows" "$batch" "$dtype"
