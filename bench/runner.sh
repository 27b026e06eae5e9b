#!/usr/bin/env bash
# The runner benchmark: kubetune bench on a ~110M-parameter Llama-shaped model (random weights, 32k
# vocabulary) next to plain PyTorch (torch_reference.py), same threads, back to back. See docs/benchmarks.md.
#   bench/runner.sh [kubetune bench options: --threads N --repeat N]
#   The model maker (reference/tinylm.py) and the yardstick (reference/torch_reference.py) are
#   copies of the shared fixtures' tools, kept here so a fresh clone benchmarks on its own.
#   KUBETUNE_BENCH_DIR  where the model is made (default: .kubetune/bench in this checkout)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="$here/bench/reference"
cache="${KUBETUNE_BENCH_DIR:-$here/.kubetune/bench}"
model="$cache/llama-bench-110m"
python=/usr/bin/python3

for f in "$reference/tinylm.py" "$reference/torch_reference.py"; do
  [ -f "$f" ] || { echo "bench: $f not found" >&2; exit 1; }
done

# Debian's PyTorch for the reference (and for making the model); OpenBLAS, or torch uses reference BLAS
missing=()
"$python" -c 'import torch' 2>/dev/null || missing+=(python3-torch)
"$python" -c 'import jinja2, regex' 2>/dev/null || missing+=(python3-jinja2 python3-regex)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

if [ ! -f "$model/model.safetensors" ]; then
  echo "bench: making $model" >&2
  "$python" "$reference/tinylm.py" "$model" --variant llama --size bench-110m --no-expected >&2
fi

exec "$here/kubetune" bench --model "$model" --reference "$reference/torch_reference.py" --python "$python" "$@"
