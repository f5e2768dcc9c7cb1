#!/usr/bin/env bash
# Makes sure a kubectl (with its built-in kustomize) is available to render k8s/ overlays.
# Idempotent: does nothing when one is on PATH (or $KUBECTL points at one). Otherwise installs
# Debian's kubernetes-client with apt (kubectl 1.20, kustomize v2.0.3: the oldest renderer the
# manifests are written for). Exits non-zero with a clear message when that is not possible.
set -euo pipefail

kubectl_bin="${KUBECTL:-kubectl}"

fail() {
  echo "ensure-kubectl: $*" >&2
  echo "ensure-kubectl: install kubectl yourself (Debian/Ubuntu: apt-get install kubernetes-client)," >&2
  echo "ensure-kubectl: or point KUBECTL at a kubectl binary, then re-run." >&2
  exit 1
}

if command -v "$kubectl_bin" >/dev/null 2>&1; then
  exit 0
fi
if [ "$kubectl_bin" != "kubectl" ]; then
  fail "KUBECTL=$kubectl_bin is not an executable."
fi
if ! command -v apt-get >/dev/null 2>&1; then
  fail "kubectl is not installed and apt-get is not available on this machine."
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    fail "kubectl is not installed and installing it needs root (no password-less sudo)."
  fi
fi

echo "ensure-kubectl: kubectl not found; installing kubernetes-client with apt..." >&2
if ! "${sudo[@]}" apt-get update -qq >&2; then
  fail "apt-get update failed."
fi
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >&2; then
  fail "apt-get install kubernetes-client failed."
fi
command -v kubectl >/dev/null 2>&1 || fail "kubernetes-client installed but kubectl is still not on PATH."
echo "ensure-kubectl: installed $(kubectl version --client --short 2>/dev/null || kubectl version --client 2>&1 | head -n 1)" >&2
