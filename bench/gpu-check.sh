#!/usr/bin/env bash
# GPU check of bfloat16 / float16 / float32 inference (issue 16), for a machine with an NVIDIA GPU:
#   1. the runner built with the CUDA native library (-Pcuda: pytorch-native-cu124);
#   2. every tiny model fixture on the GPU in bfloat16 and float32: greedy ids against expected.json
#      (bfloat16 cases whose reference margin is under 0.5 are reported, not judged: see Fixtures);
#   3. a Llama-3.2-3B-shaped bfloat16 checkpoint (bigckpt.py, random weights) generating on the GPU:
#      tokens/s and peak GPU memory, printed as figures for docs/benchmarks.md.
# Usage: bench/gpu-check.sh [WORK_DIR]   (default /tmp/kubetune-gpu-check; needs python3 with torch for step 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/kubetune-gpu-check}"
mkdir -p "$work"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader

echo "== build (-Pcuda)"
# not offline: the CUDA native library (ai.djl.pytorch:pytorch-native-cu124, ~2 GiB) comes from Maven
# Central at build time the first time; nothing is downloaded when the runner runs
"$here/mvnw" -B -q -Pcuda -DskipTests -pl runner -am package
export KUBETUNE_NO_BUILD=1
kt() { "$here/kubetune" "$@"; }

fixtures="$here/runner/src/test/resources/fixtures"
echo "== fixtures on the GPU"
for model in "$fixtures"/tiny-*; do
  name="$(basename "$model")"
  python3 - "$model/expected.json" > "$work/$name.jsonl" <<'PY'
import json, sys
for i, c in enumerate(json.load(open(sys.argv[1]))["cases"]):
    print(json.dumps({"id": str(i), "text": c["text"]}))
PY
  for dtype in bfloat16 float32; do
    kt infer --model "$model" --data "$work/$name.jsonl" --device gpu --dtype "$dtype" --no-chat-template \
      --prompt-template plain --max-new-tokens 10 --batch-size 8 -o "$work/$name-$dtype.jsonl" 2>"$work/$name-$dtype.log" >/dev/null
    python3 - "$model/expected.json" "$work/$name-$dtype.jsonl" "$name" "$dtype" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
rows = [json.loads(l) for l in open(sys.argv[2])]
ok = judged = 0
for c, r in zip(cases, rows):
    ids = r["completion_token_ids"]
    if r["prompt_token_ids"] != c["input_ids"]:
        print("  prompt ids differ for", repr(c["text"][:40]))
    if sys.argv[4] == "bfloat16" and c["base"]["greedy_min_margin"] <= 0.5:
        continue
    judged += 1
    ok += ids == c["base"]["greedy_ids"]
print(f"{sys.argv[3]:18s} {sys.argv[4]:9s} greedy ids equal expected.json: {ok}/{judged}")
PY
  done
done

echo "== llama-3.2-3b bfloat16 on the GPU"
ckpt="$work/llama-3.2-3b-bf16"
[ -f "$ckpt/config.json" ] || python3 "$here/bench/reference/bigckpt.py" "$ckpt" --shape llama-3.2-3b --dtype bf16
python3 -c "
import json
for i in range(16): print(json.dumps({'id': str(i), 'text': 'The patient reports chest pain and shortness of breath ' * 8}))" > "$work/big.jsonl"
( while sleep 0.5; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits; done ) > "$work/gpu-mem.txt" &
sampler=$!
start=$(date +%s.%N)
kt infer --model "$ckpt" --data "$work/big.jsonl" --device gpu --dtype bfloat16 --no-chat-template --prompt-template plain \
  --max-new-tokens 64 --batch-size 8 -o "$work/big-out.jsonl" 2>"$work/big.log" >/dev/null
end=$(date +%s.%N)
kill $sampler
grep -h "computing in" "$work/big.log" || true
python3 - "$work/big-out.jsonl" "$work/gpu-mem.txt" "$start" "$end" "$work/metrics.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
mem = [int(x) for x in open(sys.argv[2]).read().split() if x.strip().isdigit()]
print(f"rows {len(rows)}, wall {float(sys.argv[4]) - float(sys.argv[3]):.1f} s, peak GPU memory {max(mem) / 1024:.2f} GiB")
PY
find "$work" -maxdepth 1 -name 'metrics.json' -exec cat {} \; 2>/dev/null | head -c 2000 || true
