#!/usr/bin/env bash
# Builds a Java 17 runtime base image without any registry: debootstrap a minimal Debian bookworm
# with openjdk-17-jre-headless from this machine's own apt mirror, then import it into Docker.
# Idempotent: does nothing when the image already exists (pass --force to rebuild).
# Usage: docker/build-local-jre.sh [--force]     (needs root, debootstrap and a running Docker engine)
set -euo pipefail

IMAGE=local/jre17:bookworm
SUITE=bookworm

if [[ "${1:-}" != "--force" ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE already exists"
  exit 0
fi

# The first mirror that serves the suite itself (not -updates or -security), from deb822 .sources files or
# one-line sources.list entries.
find_mirror() {
  local file mirror
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] || continue
    mirror="$(awk -v suite="$SUITE" '
      function check() {
        if (uris != "" && (" " suites " ") ~ (" " suite " ")) { split(uris, u, " "); print u[1]; found = 1; exit }
        uris = ""; suites = ""
      }
      /^[[:space:]]*$/ { check(); next }
      /^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0 }
      /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
      END { if (!found) check() }
    ' "$file")"
    if [[ -n "$mirror" ]]; then echo "$mirror"; return; fi
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$file" ]] || continue
    mirror="$(awk -v suite="$SUITE" '
      $1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == suite) { print $i; exit } }
    ' "$file")"
    if [[ -n "$mirror" ]]; then echo "$mirror"; return; fi
  done
}

MIRROR="${DEBIAN_MIRROR:-$(find_mirror)}"
if [[ -z "$MIRROR" ]]; then
  echo "no apt source for $SUITE found in /etc/apt; set DEBIAN_MIRROR" >&2
  exit 1
fi

ROOTFS="$(mktemp -d /tmp/jre17-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT

echo "debootstrap $SUITE from $MIRROR into $ROOTFS"
debootstrap --variant=minbase --include=openjdk-17-jre-headless "$SUITE" "$ROOTFS" "$MIRROR"
# Package caches, lists and documentation are not needed at run time.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* \
  "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/*

tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)" \
  --change 'CMD ["/bin/bash"]' \
  - "$IMAGE"
echo "built $IMAGE"
