#!/usr/bin/env bash
# Installs headless Chromium from Debian's packages for the browser tests (CorsBrowserTest) and
# prints the path of the browser binary on its last line. Needs root (or passwordless sudo) and the
# package archive; exits 3 with a reason on standard error when it cannot install.
set -uo pipefail
for b in chromium chromium-browser; do
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
  echo "chromium is not installed and installing it needs root" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium >&2; then
  "${sudo[@]}" apt-get update -q >&2 || true
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium >&2; then
    echo "apt-get could not install the chromium package" >&2
    exit 3
  fi
fi
command -v chromium
