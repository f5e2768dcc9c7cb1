#!/usr/bin/env bash
# Points an overlay at a release: every image tag, and the name suffix of every migration Job
# (<overlay>/release/<app>-migrate.yaml), so the new release creates new Jobs instead of editing
# the immutable ones of the previous release. CD runs it before rendering; it edits files in place.
#   tools/k8s/set-release.sh k8s/overlays/prod 0.2.0      -> tags 0.2.0, Jobs <app>-migrate-0-2-0
set -euo pipefail

usage() { echo "usage: $0 <overlay dir> <image tag>" >&2; exit 2; }
[ $# -eq 2 ] || usage
overlay="$1"
tag="$2"
kustomization="$overlay/kustomization.yaml"

[ -f "$kustomization" ] || { echo "set-release: no $kustomization" >&2; exit 1; }
# Docker tag grammar, and never a moving "latest".
if ! [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || [ "$tag" = "latest" ]; then
  echo "set-release: '$tag' is not a pinned image tag" >&2
  exit 1
fi
# Job names are DNS labels: lower case, dots and underscores become dashes; the longest Job name
# (data-sharing-migrate-<suffix>) must stay within 63 characters.
suffix="$(printf '%s' "$tag" | tr 'A-Z._' 'a-z--' | sed -e 's/^-*//' -e 's/-*$//')"
if [ -z "$suffix" ] || [ "${#suffix}" -gt 40 ]; then
  echo "set-release: '$tag' does not give a usable Job name suffix ('$suffix')" >&2
  exit 1
fi

sed -i -E "s/^([[:space:]]+newTag:).*/\\1 '$tag'/" "$kustomization"
shopt -s nullglob
for patch in "$overlay"/release/*-migrate.yaml; do
  sed -i -E "s/^([[:space:]]+value: [a-z0-9-]+-migrate)(-[a-z0-9-]*)?$/\\1-$suffix/" "$patch"
done
echo "set-release: $overlay -> images :$tag, migration Jobs *-migrate-$suffix" >&2
