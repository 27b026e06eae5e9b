#!/usr/bin/env bash
# Peak memory at real model sizes (issue 16), on the CPU: for each shape, a random-weight checkpoint
# with the exact shapes of the published model (bench/reference/bigckpt.py, made when missing), then
#   1. kubetune infer of 2 short rows (4 new tokens, batch 2) in the checkpoint's dtype: peak RSS of the
#      whole process (/usr/bin/time -v), against 1.2 × the checkpoint's bytes + 0.4 GiB;
#   2. one LoRA training step (batch 1 × 256 tokens, rank 16 on every projection, AdamW) through
#      kubetune bench: the case process's peak RSS, against 2 × the checkpoint's bytes.
# Figures only; docs/benchmarks.md keeps the latest. Needs ~2.2 × the checkpoint in free memory.
#   bench/scale.sh [SHAPE...]        (default: llama-3.2-3b qwen2.5-3b; also qwen2.5-0.5b, llama-3.1-8b)
#   KUBETUNE_CKPT_DIR  where checkpoints are (made) (default .kubetune/bench); each in SHAPE-DTYPE/
#   KUBETUNE_BENCH_DTYPE  bf16 (default), f16 or f32: the checkpoint's stored dtype, computed as stored
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ckpts="${KUBETUNE_CKPT_DIR:-$here/.kubetune/bench}"
stored="${KUBETUNE_BENCH_DTYPE:-bf16}"
case "$stored" in bf16) dtype=bfloat16 ;; f16) dtype=float16 ;; f32) dtype=float32 ;;
  *) echo "bench/scale.sh: KUBETUNE_BENCH_DTYPE must be bf16, f16 or f32" >&2; exit 64 ;; esac
[ $# -gt 0 ] || set -- llama-3.2-3b qwen2.5-3b
[ -x /usr/bin/time ] || { echo "bench/scale.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n 2 "$here/config/samples/volumes/data/clinical-notes.jsonl" > "$work/rows.jsonl"
"$here/kubetune" --version >/dev/null  # builds the runner when needed, before anything is timed

for shape in "$@"; do
  ckpt="$ckpts/$shape-$stored"
  if [ ! -f "$ckpt/config.json" ]; then
    echo "bench/scale.sh: making $ckpt" >&2
    /usr/bin/python3 "$here/bench/reference/bigckpt.py" "$ckpt.partial" --shape "$shape" --dtype "$stored" >&2
    mv "$ckpt.partial" "$ckpt"
  fi
  bytes=$(du -b --apparent-size -c "$ckpt"/*.safetensors | tail -n 1 | cut -f 1)
  /usr/bin/time -v "$here/kubetune" infer --model "$ckpt" --data "$work/rows.jsonl" --device cpu --dtype "$dtype" \
    --no-chat-template --prompt-template plain --max-new-tokens 4 --batch-size 2 -o "$work/out.jsonl" \
    >"$work/infer.out" 2>"$work/infer.err" || { cat "$work/infer.err" >&2; exit 1; }
  infer_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/infer.err")
  infer_s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/infer.err")
  computed=$(grep -ho "computing in [a-z0-9]* on [a-z0-9 ]*" "$work/infer.out" "$work/infer.err" | head -n 1 || true)
  "$here/kubetune" bench --model "$ckpt" --dtype "$dtype" --cases train-b1x256-r16-all-s1 --warmup 0 --repeat 1 \
    >"$work/train.out" 2>"$work/train.err" || { cat "$work/train.out" "$work/train.err" >&2; exit 1; }
  train_line=$(grep -m 1 '^LoRA train.*runner ' "$work/train.out" | sed 's/^.*runner *//')
  python3 - "$shape" "$stored" "$bytes" "$infer_kb" "$infer_s" "$computed" "$train_line" <<'PY'
import json, sys
shape, stored, size, infer_kb, infer_s, computed, train = sys.argv[1:8]
size, infer = int(size), int(infer_kb) * 1024
train = json.loads(train)
gib = 1024 ** 3
infer_limit, train_limit = 1.2 * size + 0.4 * gib, 2 * size
print(f"{shape} {stored}: checkpoint {size / 1e9:.2f} GB")
print(f"  infer (2 rows, 4 new tokens, {computed or 'compute dtype not logged'}, {infer_s}): peak RSS "
      f"{infer / 1e9:.2f} GB = {infer / size:.2f} x the checkpoint; limit 1.2 x + 0.4 GiB = {infer_limit / 1e9:.2f} GB: "
      f"{'met' if infer <= infer_limit else 'NOT met'}")
rss = train["peak_rss_bytes"]
print(f"  LoRA step (b1 x 256, r16 all projections, {train['dtype']}, {train['tokens_per_s']} tokens/s): peak RSS "
      f"{rss / 1e9:.2f} GB = {rss / size:.2f} x the checkpoint; limit 2 x = {train_limit / 1e9:.2f} GB: "
      f"{'met' if rss <= train_limit else 'NOT met'}")
PY
done
