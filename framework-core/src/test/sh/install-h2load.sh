#!/usr/bin/env bash
# Installs h2load (Debian package nghttp2-client) for the HTTP/2 tests (TlsTest) and
# prints the path of h2load on its last line. Needs root (or passwordless sudo) and the
# package archive; exits 3 with a reason on standard error when it cannot install.
set -uo pipefail
for b in h2load; do
  if command -v "$b" >/dev/null 2>&1; then
    command -v "$b"
    exit 0
  fi
done
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "h2load is not installed and installing it needs root" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends nghttp2-client >&2; then
  "${sudo[@]}" apt-get update -q >&2 || true
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends nghttp2-client >&2; then
    echo "apt-get could not install the nghttp2-client package" >&2
    exit 3
  fi
fi
command -v h2load
