#!/usr/bin/env bash
# Long prompts: prefill peak memory against prompt length (512 .. 8,192 tokens) and the throughput of a
# mixed-length data set (10..2,000 tokens per row) batched in row order and by length, on a checkpoint
# with Qwen2.5-0.5B's exact shapes (random weights, 32k context). See docs/benchmarks.md.
#   bench/long-prompts.sh [lengths, e.g. 512,1024,2048,4096,8192] [mixed rows] [batch]
#   KUBETUNE_BENCH_CKPT  the checkpoint folder (default .kubetune/bench/qwen2.5-0.5b-bf16; made with
#                        bench/reference/bigckpt.py when missing: Debian's python3-torch, ~1 GiB on disk)
# Needs ~5 GiB of memory at 8,192 tokens (float32 weights: 2 GiB).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ckpt="${KUBETUNE_BENCH_CKPT:-$here/.kubetune/bench/qwen2.5-0.5b-bf16}"
if [ ! -f "$ckpt/model.safetensors" ] && [ ! -f "$ckpt/model.safetensors.index.json" ]; then
  echo "bench: making $ckpt" >&2
  /usr/bin/python3 "$here/bench/reference/bigckpt.py" "$ckpt" --shape qwen2.5-0.5b --dtype bf16 >&2
fi
cd "$here"
classpath="$here/runner/target/long-prompts.classpath"
./mvnw -B -q -o -pl runner -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath" >&2
exec java -cp "runner/target/classes:runner/target/test-classes:$(cat "$classpath")" \
  dev.kubetune.runner.bench.LongPromptBenchmark "$ckpt" "$@"
