#!/usr/bin/env bash
# A real one-node Kubernetes cluster for the end-to-end suite (docs/operations.md#the-end-to-end-suite):
# etcd, kube-apiserver, kube-controller-manager, kube-scheduler and a kubelet on containerd + runc,
# pods on a CNI bridge of their own. Kubernetes 1.20 from ci/kube-apiserver.sh's cache; containerd,
# runc and the CNI plugins from Debian; the pause image packed here from the cached static binary.
#
#   ci/cluster.sh prepare   Debian packages and the pause image (network: Debian only); exit 1 if impossible
#   ci/cluster.sh up        start it all (root); prints the admin kubeconfig's path on stdout
#   ci/cluster.sh down      stop every process by its PID, undo mounts, bridge, cgroups and sysctls
#   ci/cluster.sh import T N  import an OCI image tarball (Jib's) named N:<tag> into the node's containerd
#   ci/cluster.sh kubectl ...  the cached kubectl with the cluster's admin kubeconfig
#
# Traffic stays on loopback and the bridge $BRIDGE ($NODE_IP/24): the API server and the kubelet
# listen on the bridge address (pods reach them there; there is no kube-proxy and no DNS), etcd and
# containerd's stream server on loopback. Pods have no route out of the bridge (no gateway, no masquerade).
# Everything else lives under $KUBETUNE_CLUSTER_DIR (default /var/lib/kubetune-cluster), wiped by `down`.
# Messages go to stderr; `up` and `down` print how long they took.
set -euo pipefail

cache="${KUBETUNE_K8S_CACHE:-$HOME/.cache/kubetune/k8s}"
dir="${KUBETUNE_CLUSTER_DIR:-/var/lib/kubetune-cluster}"
BRIDGE=kubetune0
NODE_IP=10.244.0.1
SUBNET=10.244.0.0/24
API_PORT=16443
NODE=kubetune-node
PAUSE_REF=kubetune.local/pause:v-kubetune
SOCK="$dir/containerd/containerd.sock"
# what the kubelet (and containerd's CNI) change on the host, put back by `down`
SYSCTLS=(vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
         kernel.keys.root_maxkeys kernel.keys.root_maxbytes net.ipv4.ip_forward)
# host folders the kubelet and libcni create outside their root dirs; removed by `down` if `up` made them
HOST_DIRS=(/var/log/pods /var/log/containers /var/lib/cni /opt/containerd)

log() { echo "cluster.sh: $*" >&2; }
die() { log "$*"; exit 1; }

bins() {
  local d
  for d in "$cache"/k8s/*-linux-amd64; do
    if [[ -x "$d/kubelet" && -x "$d/kube-scheduler" && -x "$d/pause" && -x "$d/kube-apiserver" ]]; then
      echo "$d"; return 0
    fi
  done
  return 1
}

# --- prepare ------------------------------------------------------------------------------------------

# An OCI image layout holding /pause, as a tarball `ctr images import` takes (uncompressed layer).
pack_pause() {
  local out="$1" work layer config manifest d_layer d_config d_manifest
  work="$(mktemp -d)"
  mkdir -p "$work/root" "$work/oci/blobs/sha256"
  cp "$(bins)/pause" "$work/root/pause"
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/root" -cf "$work/layer.tar" pause
  d_layer="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  mv "$work/layer.tar" "$work/oci/blobs/sha256/$d_layer"
  config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/pause\"],\"User\":\"65535:65535\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$d_layer\"]}}"
  printf '%s' "$config" > "$work/config.json"
  d_config="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$work/oci/blobs/sha256/$d_config"
  manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$d_config\",\"size\":${#config}},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$d_layer\",\"size\":$(stat -c %s "$work/oci/blobs/sha256/$d_layer")}]}"
  printf '%s' "$manifest" > "$work/manifest.json"
  d_manifest="$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"
  mv "$work/manifest.json" "$work/oci/blobs/sha256/$d_manifest"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$work/oci/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$d_manifest" "${#manifest}" "$PAUSE_REF" > "$work/oci/index.json"
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/oci" -cf "$out.tmp" .
  mv "$out.tmp" "$out"
  rm -rf "$work"
}

prepare() { # install|check: whether missing Debian packages may be installed
  [[ "$(id -u)" == 0 ]] || die "needs root (containerd, the kubelet, mounts, a bridge)"
  bins >/dev/null || die "no kubelet/kube-scheduler/pause in $cache/k8s (run ci/kube-apiserver.sh --node first)"
  local missing=() cmd
  for cmd in containerd ctr runc ip openssl; do command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd"); done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] || missing+=(cni)
  if ((${#missing[@]})) && [[ "$1" == check ]]; then
    die "missing ${missing[*]}: ci/cluster.sh prepare installs them (Debian's containerd, runc, containernetworking-plugins)"
  fi
  if ((${#missing[@]})); then
    log "installing Debian's containerd, runc, containernetworking-plugins (missing: ${missing[*]})"
    command -v apt-get >/dev/null 2>&1 || die "no apt-get: install containerd 1.6, runc and the CNI plugins"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends \
      containerd runc containernetworking-plugins iproute2 openssl >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
             -o DPkg::Lock::Timeout=600 --no-install-recommends \
             containerd runc containernetworking-plugins iproute2 openssl >&2; } \
      || die "apt-get install failed"
  fi
  containerd --version | grep -qE ' v?1\.[56]\.' \
    || die "kubelet 1.20 speaks CRI v1alpha2, which needs containerd 1.5 or 1.6; this is $(containerd --version)"
  mkdir -p "$cache/cluster"
  if [[ ! -s "$cache/cluster/pause-oci.tar" ]]; then
    pack_pause "$cache/cluster/pause-oci.tar"
    log "pause image packed: $cache/cluster/pause-oci.tar"
  fi
}

# --- up -----------------------------------------------------------------------------------------------

cert() { # name CN O [SAN...]: a key and a certificate signed by the cluster CA
  local name="$1" cn="$2" org="$3"; shift 3
  local subj="/CN=$cn" ext="$dir/pki/$name.ext"
  [[ -n "$org" ]] && subj="/O=$org$subj"
  openssl genrsa -out "$dir/pki/$name.key" 2048 2>/dev/null
  openssl req -new -key "$dir/pki/$name.key" -subj "$subj" -out "$dir/pki/$name.csr" 2>/dev/null
  { echo "basicConstraints=CA:FALSE"; echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=clientAuth,serverAuth"
    if (($#)); then local IFS=,; echo "subjectAltName=$*"; fi; } > "$ext"
  openssl x509 -req -in "$dir/pki/$name.csr" -CA "$dir/pki/ca.crt" -CAkey "$dir/pki/ca.key" -CAcreateserial \
    -days 2 -extfile "$ext" -out "$dir/pki/$name.crt" 2>/dev/null
}

kubeconfig() { # name user-cert
  cat > "$dir/$1.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubetune
  cluster: {server: "https://$NODE_IP:$API_PORT", certificate-authority: "$dir/pki/ca.crt"}
users:
- name: $2
  user: {client-certificate: "$dir/pki/$2.crt", client-key: "$dir/pki/$2.key"}
contexts:
- name: kubetune
  context: {cluster: kubetune, user: $2, namespace: default}
current-context: kubetune
EOF
}

start() { # name command...: in the background, its PID in pids/, its output in logs/
  local name="$1"; shift
  setsid "$@" > "$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name"
}

alive() { local pid; pid="$(cat "$dir/pids/$1" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null; }

wait_for() { # seconds what command...
  local until=$((SECONDS + $1)) what="$2"; shift 2
  until "$@" >/dev/null 2>&1; do
    local name
    for name in "$dir"/pids/*; do
      alive "$(basename "$name")" || die "$(basename "$name") exited while waiting for $what; its log: $dir/logs/$(basename "$name").log"
    done
    ((SECONDS < until)) || die "timed out waiting for $what (logs in $dir/logs)"
    sleep 0.5
  done
}

kctl() { "$(bins)/kubectl" --kubeconfig "$dir/admin.kubeconfig" "$@"; }

node_ready() { kctl get node "$NODE" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' | grep -qx True; }

up() {
  prepare check
  local b started=$SECONDS
  b="$(bins)"
  [[ ! -e "$dir/pids" ]] || die "$dir/pids exists: a cluster is up (or was not torn down): ci/cluster.sh down"
  ip link show "$BRIDGE" >/dev/null 2>&1 && die "interface $BRIDGE exists already: ci/cluster.sh down"
  mkdir -p "$dir"/{pids,logs,pki,etcd,kubelet,cni/net.d,cni/ipam,containerd/root,containerd/state,host}
  trap 'rc=$?; if ((rc != 0)); then log "bring-up failed: tearing down"; down || true; fi' EXIT
  # the host settings `down` restores, and the host folders it removes when they are new
  local s d
  for s in "${SYSCTLS[@]}"; do
    if v="$(sysctl -n "$s" 2>/dev/null)"; then printf '%s\t%s\n' "$s" "$v"; fi
  done > "$dir/host/sysctls"
  for d in "${HOST_DIRS[@]}"; do [[ -e "$d" ]] || echo "$d"; done > "$dir/host/new-dirs"
  ls /var/run/netns 2>/dev/null > "$dir/host/netns" || true

  # certificates: a CA, the API server's serving certificate, one client certificate per component
  openssl genrsa -out "$dir/pki/ca.key" 2048 2>/dev/null
  openssl req -x509 -new -key "$dir/pki/ca.key" -subj "/CN=kubetune-ci-ca" -days 2 -out "$dir/pki/ca.crt" 2>/dev/null
  cert apiserver kube-apiserver "" "IP:$NODE_IP" IP:127.0.0.1 IP:10.0.0.1 DNS:kubernetes DNS:kubernetes.default \
    DNS:kubernetes.default.svc DNS:kubernetes.default.svc.cluster.local DNS:localhost
  cert admin kubetune-admin system:masters
  cert apiserver-kubelet kube-apiserver-kubelet-client system:masters
  cert controller-manager system:kube-controller-manager ""
  cert scheduler system:kube-scheduler ""
  cert kubelet "system:node:$NODE" system:nodes
  openssl genrsa -out "$dir/pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/pki/sa.key" -pubout -out "$dir/pki/sa.pub" 2>/dev/null
  kubeconfig admin admin
  kubeconfig controller-manager controller-manager
  kubeconfig scheduler scheduler
  kubeconfig kubelet kubelet

  # the bridge first: the API server and the kubelet listen on its address
  ip link add "$BRIDGE" type bridge
  ip addr add "$NODE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up

  start etcd "$b/etcd" --name kubetune --data-dir "$dir/etcd" \
    --listen-client-urls http://127.0.0.1:23790 --advertise-client-urls http://127.0.0.1:23790 \
    --listen-peer-urls http://127.0.0.1:23800 --initial-advertise-peer-urls http://127.0.0.1:23800 \
    --initial-cluster kubetune=http://127.0.0.1:23800 --log-level warn
  start kube-apiserver "$b/kube-apiserver" --etcd-servers http://127.0.0.1:23790 \
    --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" --insecure-port 0 \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" --service-cluster-ip-range 10.0.0.0/24 \
    --kubelet-client-certificate "$dir/pki/apiserver-kubelet.crt" --kubelet-client-key "$dir/pki/apiserver-kubelet.key" \
    --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction --allow-privileged=false \
    --kubelet-preferred-address-types InternalIP --profiling=false --v=1
  wait_for 60 "the API server" kctl get --raw /readyz

  start kube-controller-manager "$b/kube-controller-manager" --kubeconfig "$dir/controller-manager.kubeconfig" \
    --port 0 --secure-port 0 --leader-elect=false --use-service-account-credentials \
    --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" \
    --controllers '*,-nodeipam,-cloud-node-lifecycle,-route,-service' --profiling=false --v=1
  start kube-scheduler "$b/kube-scheduler" --kubeconfig "$dir/scheduler.kubeconfig" \
    --port 0 --secure-port 0 --leader-elect=false --profiling=false --v=1

  # CNI: a bridge and host-local addresses, no gateway, no masquerade (containerd adds the loopback itself).
  # containerd: its own sockets, root and state; restrict_oom_score_adj because the VM's capability
  # bounding set may lack CAP_SYS_RESOURCE (runc could not set oom_score_adj -998 otherwise)
  cat > "$dir/cni/net.d/10-kubetune.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "kubetune", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": false, "ipMasq": false, "hairpinMode": false,
   "ipam": {"type": "host-local", "dataDir": "$dir/cni/ipam",
            "ranges": [[{"subnet": "$SUBNET", "rangeStart": "10.244.0.10", "gateway": "$NODE_IP"}]]}}]}
EOF
  cat > "$dir/containerd/config.toml" <<EOF
version = 2
root = "$dir/containerd/root"
state = "$dir/containerd/state"
plugin_dir = ""
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
                    "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs",
                    "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$SOCK.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_REF"
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
EOF
  start containerd containerd --config "$dir/containerd/config.toml"
  wait_for 30 containerd ctr --address "$SOCK" version
  image_import "$cache/cluster/pause-oci.tar" kubetune.local/pause

  cat > "$dir/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: "$dir/pki/ca.crt"}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
failSwapOn: false
makeIPTablesUtilChains: false
resolvConf: /etc/resolv.conf
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
maxPods: 50
serializeImagePulls: false
EOF
  # AWS_EC2_METADATA_DISABLED: the kubelet's built-in AWS credential provider would ask the cloud
  # metadata address at start; nothing leaves this machine
  start kubelet env AWS_EC2_METADATA_DISABLED=true "$b/kubelet" --config "$dir/kubelet-config.yaml" \
    --kubeconfig "$dir/kubelet.kubeconfig" --root-dir "$dir/kubelet" --cert-dir "$dir/kubelet/pki" --volume-plugin-dir "$dir/kubelet/volume-plugins" \
    --container-runtime remote --container-runtime-endpoint "unix://$SOCK" --runtime-request-timeout 5m \
    --pod-infra-container-image "$PAUSE_REF" --node-ip "$NODE_IP" --hostname-override "$NODE" --v=1
  wait_for 90 "node $NODE Ready" node_ready
  # pods of the default service account need its token Secret (made by the controller manager)
  wait_for 30 "the default service account's token" \
    bash -c "'$b/kubectl' --kubeconfig '$dir/admin.kubeconfig' -n default get sa default -o 'jsonpath={.secrets[0].name}' | grep -q ."
  trap - EXIT
  log "cluster up in $((SECONDS - started)) s: kubectl --kubeconfig $dir/admin.kubeconfig (Kubernetes $("$b/kube-apiserver" --version | awk '{print $2}'))"
  echo "$dir/admin.kubeconfig"
}

image_import() { # tarball base-name: Jib's OCI tarballs name a full reference, kept under that base name
  ctr --address "$SOCK" -n k8s.io images import --base-name "$2" "$1" >&2
}

# --- down ---------------------------------------------------------------------------------------------

stop() { # name [seconds]: TERM, then KILL after the grace period; only the PID this script recorded
  local name="$1" grace="${2:-10}" pid
  pid="$(cat "$dir/pids/$name" 2>/dev/null)" || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local until=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < until)); do sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/pids/$name"
}

# containerd's shims outlive it by design; they are the processes naming this cluster's containerd socket
shim_pids() {
  local p
  for p in /proc/[0-9]*; do
    # a process may end between the glob and the read: its missing cmdline is not an error
    if { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null | grep -q -- "-address $SOCK "; then basename "$p"; fi
  done
}

down() {
  local started=$SECONDS b
  [[ -d "$dir" ]] || { log "nothing to tear down ($dir absent)"; return 0; }
  b="$(bins || true)"
  if [[ -n "$b" ]] && alive kube-apiserver && alive kubelet; then
    # no new pods: stop the controllers first, then let the kubelet stop every pod (CNI DEL included)
    stop kube-controller-manager; stop kube-scheduler
    kctl delete pods --all --all-namespaces --grace-period=0 --force --wait=false >/dev/null 2>&1 || true
    local until=$((SECONDS + 30))
    while ((SECONDS < until)) && ctr --address "$SOCK" -n k8s.io tasks ls -q 2>/dev/null | grep -q .; do sleep 0.5; done
  fi
  stop kubelet
  if [[ -S "$SOCK" ]]; then
    local task
    for task in $(ctr --address "$SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "$SOCK" -n k8s.io tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
      ctr --address "$SOCK" -n k8s.io tasks delete -f "$task" >/dev/null 2>&1 || true
    done
  fi
  stop containerd
  local pid
  for pid in $(shim_pids); do kill -KILL "$pid" 2>/dev/null || true; done
  stop kube-controller-manager; stop kube-scheduler; stop kube-apiserver; stop etcd
  # mounts under the cluster's folder (secrets' tmpfs, overlay roots, shm), deepest first
  local m
  for m in $(awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done
  # network namespaces containerd made and did not remove
  if [[ -d /var/run/netns ]]; then
    local ns
    for ns in $(ls /var/run/netns); do
      if ! grep -qx "$ns" "$dir/host/netns" 2>/dev/null; then
        umount "/var/run/netns/$ns" 2>/dev/null || true; rm -f "/var/run/netns/$ns"
      fi
    done
  fi
  ip link del "$BRIDGE" 2>/dev/null || true
  # the kubelet's cgroups (cgroupfs driver), leaves first
  local c
  for c in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d "$c" ]] && find "$c" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  if [[ -s "$dir/host/sysctls" ]]; then
    local name value
    while IFS=$'\t' read -r name value; do
      [[ "$(sysctl -n "$name" 2>/dev/null)" == "$value" ]] || sysctl -q -w "$name=$value" >/dev/null || log "could not restore $name"
    done < "$dir/host/sysctls"
  fi
  if [[ -s "$dir/host/new-dirs" ]]; then
    while read -r d; do rm -rf "$d"; done < "$dir/host/new-dirs"
  fi
  rm -rf "$dir" || { log "could not remove all of $dir"; return 1; }
  log "cluster down in $((SECONDS - started)) s"
}

case "${1:-}" in
  prepare) prepare install ;;
  up) up ;;
  down) down ;;
  kubectl) shift; exec "$(bins)/kubectl" --kubeconfig "$dir/admin.kubeconfig" "$@" ;;
  import) [[ $# == 3 ]] || die "usage: ci/cluster.sh import <oci-tarball> <image-name-without-tag>"; image_import "$2" "$3" ;;
  *) die "usage: ci/cluster.sh prepare|up|down|import <tarball> <name>|kubectl <args>" ;;
esac
