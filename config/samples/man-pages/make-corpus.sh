#!/usr/bin/env bash
# Builds the man-pages corpus: real, long documents (the Linux man-pages project's pages of sections
# 2, 3, 4, 5 and 7 as Debian ships them in the packages manpages and manpages-dev), rendered to plain
# text with groff, labelled by their part of the manual. Each page's title and footer lines (which
# name the section) are left out; alias pages (.so), pages under MIN_CHARS and pages over MAX_CHARS
# characters of text are skipped; at most PER_SECTION pages per section, picked with a fixed seed.
# The defaults (12 pages of 6,000..40,000 characters per section) keep the sample's k-fold run short
# on a CPU; every page is still thousands of tokens, far over the tiny model's context.
#   config/samples/man-pages/make-corpus.sh [OUT]     (default OUT: config/samples/volumes/data/man-pages.jsonl)
# Needs: apt-get (Debian or Ubuntu; run apt-get update once first), dpkg-deb, groff, /usr/bin/python3.
# Nothing is installed on the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../volumes/data/man-pages.jsonl}"
export MIN_CHARS="${MIN_CHARS:-6000}" MAX_CHARS="${MAX_CHARS:-40000}" PER_SECTION="${PER_SECTION:-12}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download manpages manpages-dev >/dev/null 2>&1 || {
  echo "make-corpus.sh: apt-get download manpages manpages-dev failed (run apt-get update first)" >&2; exit 1; }
for deb in ./*.deb; do dpkg-deb -x "$deb" root; done
export VERSION="$(dpkg-deb -f manpages_*.deb Version)"
/usr/bin/python3 - "$out" <<'PY'
import gzip, json, os, random, subprocess, sys
out = sys.argv[1]
min_chars, max_chars = int(os.environ["MIN_CHARS"]), int(os.environ["MAX_CHARS"])
per_section, version = int(os.environ["PER_SECTION"]), os.environ["VERSION"]
labels = {"2": "syscall", "3": "library", "4": "device", "5": "format", "7": "overview"}
rng = random.Random(17)
rows = []
for section, label in labels.items():
    folder = f"root/usr/share/man/man{section}"
    candidates = []
    for name in sorted(os.listdir(folder)):
        source = gzip.open(os.path.join(folder, name)).read()
        if source.startswith(b".so ") or len(source) < min_chars:  # an alias, or too short to reach min_chars
            continue
        candidates.append((name[:-3], source))
    rng.shuffle(candidates)
    kept = []
    for page, source in candidates:
        if len(kept) == per_section:
            break
        rendered = subprocess.run(["groff", "-t", "-man", "-Tutf8", "-P-cbou", "-rLL=100n"], input=source,
                                  capture_output=True).stdout.decode("utf-8", "replace")
        lines = [l.rstrip() for l in rendered.splitlines()]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        text = "\n".join(lines[1:-1]).strip()  # without the title line and the footer line
        if min_chars <= len(text) <= max_chars:
            kept.append({"id": page, "text": text, "label": label})
    rows += sorted(kept, key=lambda r: r["id"])
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
counts = {label: sum(1 for r in rows if r["label"] == label) for label in labels.values()}
chars = sorted(len(r["text"]) for r in rows)
print(f"{out}: {len(rows)} man pages (manpages {version}), {counts}, "
      f"text {chars[0]:,}..{chars[-1]:,} characters (median {chars[len(chars) // 2]:,})")
PY
