#!/usr/bin/env bash
# Real Kubernetes API server binaries for the operator's real-server tests (docs/operations.md).
#
# Builds kube-apiserver, kube-controller-manager and kubectl from Debian's `kubernetes` source
# package (1.20, with its vendor/ tree; Debian's golang-go) and takes etcd from Debian's
# etcd-server, then lays them out the way fabric8's kube-api-test looks for them:
#
#   $KUBETUNE_K8S_CACHE/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl,kube-controller-manager}
#
# The cache (default ~/.cache/kubetune/k8s) is outside the repository; once filled this script
# only checks it (seconds). On success it prints the directory to use as KUBE_API_TEST_DIR on
# stdout (everything else goes to stderr) and exits 0; when the binaries cannot be had it says
# why on stderr and exits 1, and the caller runs the tests without them (they skip loudly).
set -euo pipefail

cache="${KUBETUNE_K8S_CACHE:-$HOME/.cache/kubetune/k8s}"
log() { echo "kube-apiserver.sh: $*" >&2; }
trap 'log "failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

installed() {
  local dir
  for dir in "$cache"/k8s/*-linux-amd64; do
    [[ -x "$dir/kube-apiserver" && -x "$dir/etcd" && -x "$dir/kubectl" && -x "$dir/kube-controller-manager" ]] \
      && return 0
  done
  return 1
}

if installed; then
  log "binaries cached in $cache/k8s ($(cd "$cache/k8s" && ls -d *-linux-amd64 | head -1))"
  echo "$cache"
  exit 0
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

log "installing Debian packages (golang-go, etcd-server, reflect2, rsync, dpkg-dev)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
# reflect2 1.0.1 vendored by Kubernetes 1.20 crashes the apiserver on Go >= 1.18 when a custom
# resource is stored (fatal error in reflect2.(*UnsafeMapType).UnsafeIterate); Debian's >= 1.0.2
# works, so it replaces the vendored copy below.
$sudo apt-get install -y -q --no-install-recommends \
  golang-go etcd-server golang-github-modern-go-reflect2-dev rsync make dpkg-dev ca-certificates >&2
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

started=$SECONDS
log "building kube-apiserver, kube-controller-manager, kubectl (several minutes)"
(cd "$src" && GO111MODULE=off make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kubectl" >&2)
log "built in $((SECONDS - started)) s"

# kube-api-test picks the directory by version: use the upstream version the tree builds
version="$("$src/_output/bin/kube-apiserver" --version | awk '{print $2}' | sed 's/^v//; s/[-+].*//')"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { log "unexpected kube-apiserver version '$version'"; exit 1; }
target="$cache/k8s/$version-linux-amd64"
mkdir -p "$target.tmp"
cp "$src"/_output/bin/{kube-apiserver,kube-controller-manager,kubectl} "$target.tmp/"
cp "$(command -v etcd || echo /usr/bin/etcd)" "$target.tmp/etcd"
rm -rf "$target" && mv "$target.tmp" "$target"
log "binaries for $version in $target"
echo "$cache"
