#!/usr/bin/env bash
# Real Kubernetes API server binaries for the operator's real-server tests (docs/operations.md).
#
# Builds kube-apiserver, kube-controller-manager and kubectl from Debian's `kubernetes` source
# package (1.20, with its vendor/ tree; Debian's golang-go) and takes etcd from Debian's
# etcd-server, then lays them out the way fabric8's kube-api-test looks for them:
#
#   $KUBETUNE_K8S_CACHE/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl,kube-controller-manager}
#
# With --node it also builds kube-scheduler and kubelet and compiles the tree's pause container
# (build/pause/linux/pause.c) statically, into the same folder: the one-node cluster of ci/cluster.sh.
# It builds only what the cache lacks, under flock /tmp/kubetune-k8s-build.lock (two never race).
#
# The cache (default ~/.cache/kubetune/k8s) is outside the repository; once filled this script
# only checks it (seconds). On success it prints the directory to use as KUBE_API_TEST_DIR on
# stdout (everything else goes to stderr) and exits 0; when the binaries cannot be had it says
# why on stderr and exits 1, and the caller runs the tests without them (they skip loudly).
set -euo pipefail

cache="${KUBETUNE_K8S_CACHE:-$HOME/.cache/kubetune/k8s}"
log() { echo "kube-apiserver.sh: $*" >&2; }
trap 'log "failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

wanted=(kube-apiserver kube-controller-manager kubectl)
node=""
if [[ "${1:-}" == --node ]]; then
  node=1
  wanted+=(kube-scheduler kubelet)
fi

installed() {
  local dir binary ok
  for dir in "$cache"/k8s/*-linux-amd64; do
    ok=1
    for binary in "${wanted[@]}" etcd ${node:+pause}; do [[ -x "$dir/$binary" ]] || ok=""; done
    [[ -n "$ok" ]] && return 0
  done
  return 1
}

if installed; then
  log "binaries cached in $cache/k8s ($(cd "$cache/k8s" && ls -d *-linux-amd64 | head -1))"
  echo "$cache"
  exit 0
fi

# one build at a time into the cache: take the lock, then look again (another may have just built)
if [[ -z "${KUBETUNE_K8S_LOCKED:-}" ]] && command -v flock >/dev/null 2>&1; then
  mkdir -p "$cache"
  log "waiting for /tmp/kubetune-k8s-build.lock"
  exec env KUBETUNE_K8S_LOCKED=1 flock /tmp/kubetune-k8s-build.lock "$0" "$@"
fi

if [[ "$(uname -m)" != x86_64 ]] || ! command -v apt-get >/dev/null 2>&1; then
  log "needs Debian on x86_64 (apt-get, linux-amd64), this is $(uname -sm)"
  exit 1
fi
sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi

# `apt-get source` needs deb-src entries; Debian 12 ships deb822 sources with `Types: deb` only.
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  log "adding deb-src entries (/etc/apt/sources.list.d/kubetune-deb-src.sources)"
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  $sudo tee /etc/apt/sources.list.d/kubetune-deb-src.sources >/dev/null <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi

log "installing Debian packages (golang-go, etcd-server, reflect2, rsync, dpkg-dev, gcc)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
# reflect2 1.0.1 vendored by Kubernetes 1.20 crashes the apiserver on Go >= 1.18 when a custom
# resource is stored (fatal error in reflect2.(*UnsafeMapType).UnsafeIterate); Debian's >= 1.0.2
# works, so it replaces the vendored copy below.
$sudo apt-get install -y -q --no-install-recommends \
  golang-go etcd-server golang-github-modern-go-reflect2-dev rsync make dpkg-dev ca-certificates gcc libc6-dev >&2
# the etcd-server package may start a system etcd where systemd runs; the tests start their own
$sudo systemctl disable --now etcd >/dev/null 2>&1 || true

build="$(mktemp -d "${TMPDIR:-/tmp}/kubetune-k8s-build.XXXXXX")"
trap 'rm -rf "$build"' EXIT
log "fetching the kubernetes source package into $build"
(cd "$build" && apt-get source -q kubernetes >&2)
src="$(find "$build" -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -1)"
[[ -n "$src" && -d "$src/vendor" ]] || { log "no kubernetes source tree with vendor/ in $build"; exit 1; }

reflect2=/usr/share/gocode/src/github.com/modern-go/reflect2
[[ -d "$reflect2" ]] || { log "no $reflect2 (golang-github-modern-go-reflect2-dev)"; exit 1; }
rm -rf "$src/vendor/github.com/modern-go/reflect2"
cp -r "$reflect2" "$src/vendor/github.com/modern-go/reflect2"

# only what the cache lacks (an older cache holds the first three)
existing="$(ls -d "$cache"/k8s/*-linux-amd64 2>/dev/null | head -1 || true)"
binaries=()
for binary in "${wanted[@]}"; do
  [[ -n "$existing" && -x "$existing/$binary" ]] || binaries+=("$binary")
done
started=$SECONDS
log "building ${binaries[*]} (several minutes)"
if ((${#binaries[@]})); then (cd "$src" && GO111MODULE=off make WHAT="${binaries[*]/#/cmd/}" >&2); fi
# the pod sandbox's pause process: no registry to pull it from, so built here (static, no libc needed)
if [[ -n "$node" ]]; then
  gcc -Os -static -Wall -Werror -DVERSION="v-kubetune" -o "$src/_output/bin/pause" "$src/build/pause/linux/pause.c" >&2
fi
log "built in $((SECONDS - started)) s"

# kube-api-test picks the directory by version: use the upstream version the tree builds
probe="$src/_output/bin/${binaries[0]:-}"
[[ -n "${binaries[0]:-}" ]] || probe="$existing/kube-apiserver"
version="$("$probe" --version | awk '{print $NF}' | sed 's/^v//; s/[-+].*//')"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { log "unexpected kube-apiserver version '$version'"; exit 1; }
target="$cache/k8s/$version-linux-amd64"
mkdir -p "$target.tmp"
for binary in "${binaries[@]}" ${node:+pause}; do cp "$src/_output/bin/$binary" "$target.tmp/"; done
cp "$(command -v etcd || echo /usr/bin/etcd)" "$target.tmp/etcd"
# binary by binary (rename is atomic): a test running from an older copy of this directory keeps working
mkdir -p "$target"
for binary in "$target.tmp"/*; do mv -f "$binary" "$target/$(basename "$binary")"; done
rmdir "$target.tmp"
log "binaries for $version in $target"
echo "$cache"
