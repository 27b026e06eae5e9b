#!/usr/bin/env bash
# Quantization benchmarks (issue 20), on the CPU; figures only, docs/benchmarks.md keeps the latest.
#   1. kubetune infer of the llama-3.1-8b-shaped bf16 checkpoint quantized to 4 bits on load (2 rows,
#      4 new tokens): peak RSS of the whole process (/usr/bin/time -v), against 6.5 GiB;
#   2. one LoRA training step (batch 1 x 256 tokens, rank 16 on every projection) on the llama-3.2-3b
#      shape in bfloat16, then on the same checkpoint quantized to 4 bits on load (QLoRA): peak RSS of
#      each case's process, the QLoRA one against 0.5 x the bfloat16 one;
#   3. decode tokens/s on bench-110m in bfloat16, int8 and int4 (batch 1 and 8, 64-token prompts,
#      64 new tokens), one after the other in this run.
# Each case is a process of its own (dev.kubetune.runner.bench.QuantCase, kubetune infer).
#   bench/quant.sh [infer8b] [qlora3b] [decode110m]     (default: all three)
#   KUBETUNE_CKPT_DIR   where the big checkpoints are, SHAPE-bf16/ (default .kubetune/bench)
#   KUBETUNE_BENCH_DIR  where bench-110m is, llama-bench-110m/ (made with bench/reference/tinylm.py when missing)
#   KUBETUNE_BENCH_110M the bench-110m folder itself (any stored dtype), instead
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ckpts="${KUBETUNE_CKPT_DIR:-$here/.kubetune/bench}"
small="${KUBETUNE_BENCH_110M:-${KUBETUNE_BENCH_DIR:-$here/.kubetune/bench}/llama-bench-110m}"
[ $# -gt 0 ] || set -- infer8b qlora3b decode110m
[ -x /usr/bin/time ] || { echo "bench/quant.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/kubetune" --version >/dev/null  # builds the runner when needed, before anything is timed
jar="$here/runner/target/kubetune-runner.jar"
java_case() { java -Xms64m -XX:MaxDirectMemorySize=1t -cp "$jar" dev.kubetune.runner.bench.QuantCase "$@"; }
checkpoint() {
  [ -f "$ckpts/$1-bf16/config.json" ] || { echo "bench/quant.sh: make $ckpts/$1-bf16 first:" \
    "bench/reference/bigckpt.py $ckpts/$1-bf16 --shape $1 --dtype bf16" >&2; exit 1; }
  echo "$ckpts/$1-bf16"
}
gib() { python3 -c "print(f'{$1 / 2**30:.2f} GiB')"; }

for what in "$@"; do
  case "$what" in
  infer8b)
    ckpt=$(checkpoint llama-3.1-8b)
    head -n 2 "$here/config/samples/volumes/data/clinical-notes.jsonl" > "$work/rows.jsonl"
    /usr/bin/time -v "$here/kubetune" infer --model "$ckpt" --data "$work/rows.jsonl" --device cpu --quantize 4 \
      --no-chat-template --prompt-template plain --max-new-tokens 4 --batch-size 2 -o "$work/out.jsonl" \
      >"$work/infer.out" 2>"$work/infer.err" || { cat "$work/infer.err" >&2; exit 1; }
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/infer.err")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/infer.err")
    computed=$(grep -ho "computing in .*" "$work/infer.out" "$work/infer.err" | head -n 1 || true)
    echo "llama-3.1-8b bf16, kubetune infer --quantize 4 (2 rows, 4 new tokens, $computed, $wall):" \
      "peak RSS $(gib $((kb * 1024))) (limit 6.5 GiB: $([ $((kb * 1024)) -le $((65 * 2**30 / 10)) ] && echo met || echo NOT met))"
    ;;
  qlora3b)
    ckpt=$(checkpoint llama-3.2-3b)
    bf16=$(java_case "$ckpt" train bfloat16 none 1 256)
    echo "llama-3.2-3b LoRA step bf16:  $bf16"
    q4=$(java_case "$ckpt" train bfloat16 4 1 256)
    echo "llama-3.2-3b QLoRA step int4: $q4"
    python3 - "$bf16" "$q4" <<'PY'
import json, sys
b, q = (json.loads(a) for a in sys.argv[1:3])
r = q["peak_rss_bytes"] / b["peak_rss_bytes"]
print(f"  peak RSS {q['peak_rss_bytes'] / 2**30:.2f} GiB (QLoRA) / {b['peak_rss_bytes'] / 2**30:.2f} GiB (bf16) = {r:.2f}"
      f" (limit 0.5: {'met' if r <= 0.5 else 'NOT met'}); tokens/s {q['tokens_per_s']} vs {b['tokens_per_s']}")
PY
    ;;
  decode110m)
    if [ ! -f "$small/model.safetensors" ]; then
      /usr/bin/python3 "$here/bench/reference/tinylm.py" "$small" --variant llama --size bench-110m --no-expected >&2
    fi
    for batch in 1 8; do
      for q in none 8 4; do
        echo "bench-110m decode b$batch bfloat16 quantization=$q: $(java_case "$small" decode bfloat16 $q $batch 64)"
      done
    done
    ;;
  *) echo "bench/quant.sh: unknown case '$what' (infer8b, qlora3b, decode110m)" >&2; exit 64 ;;
  esac
done
