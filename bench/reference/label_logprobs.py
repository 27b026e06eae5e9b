"""Reference label log-probabilities for the tiny fixtures, from tinylm.py's independent forward pass.

For each case of a fixture's expected.json and each candidate label (token ids), the summed log-probability
of the label's tokens after the case's prompt: log p(l1 | prompt) + log p(l2 | prompt, l1) + ...
Written to FIXTURE/label_logprobs.json; LabelScorerTest compares the runner's batched scores with it.
Usage: label_logprobs.py FIXTURE_DIR [FIXTURE_DIR ...]
"""
import json, os, struct, sys
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tinylm import forward, merged  # noqa: E402

DTYPES = {"F32": np.float32, "BF16": None}


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        raw = np.frombuffer(data[start:end], dtype=np.uint16 if meta["dtype"] == "BF16" else np.float32)
        if meta["dtype"] == "BF16":
            raw = (raw.astype(np.uint32) << 16).view(np.float32)
        out[name] = torch.from_numpy(raw.copy()).reshape(meta["shape"])
    return out


def labels_for(case):
    g = (case["base"]["greedy_ids"] + [7, 11, 13])[:3]
    return [[g[0]], [g[0], g[1], g[2]], [5, 17], [g[1], 3, 9, 40], [60]]


def main():
    for folder in sys.argv[1:]:
        cfg = json.load(open(os.path.join(folder, "config.json")))
        w = load_safetensors(os.path.join(folder, "model.safetensors"))
        acfg = json.load(open(os.path.join(folder, "adapter", "adapter_config.json")))
        ad = load_safetensors(os.path.join(folder, "adapter", "adapter_model.safetensors"))
        wm = merged(w, ad, acfg["r"], acfg["lora_alpha"])
        cases = json.load(open(os.path.join(folder, "expected.json")))["cases"]
        out = []
        for case in cases:
            labels = labels_for(case)
            entry = {"input_ids": case["input_ids"], "labels": labels}
            for tag, weights in (("base", w), ("adapter", wm)):
                scores = []
                for label in labels:
                    ids = case["input_ids"] + label
                    logp = torch.log_softmax(forward(cfg, weights, ids).double(), dim=-1)
                    p = len(case["input_ids"])
                    scores.append(round(float(sum(logp[p - 1 + t, label[t]] for t in range(len(label)))), 6))
                entry[tag] = scores
            out.append(entry)
        json.dump({"note": "summed log-probabilities of each label's tokens after input_ids (tinylm.py forward)",
                   "cases": out}, open(os.path.join(folder, "label_logprobs.json"), "w"), indent=1)
        print(folder, len(out), "cases")


if __name__ == "__main__":
    main()
