#!/usr/bin/env bash
# Installs a Debian package for a test and prints the path of its program on its last line:
#   install-debian-package.sh PACKAGE PROGRAM [OTHER_NAME...]
# A program already on the PATH (PROGRAM or one of the other names) is used as is. Needs root (or
# passwordless sudo) and the package archive; exits 3 with a reason on standard error when it
# cannot install, 2 on a usage error.
set -uo pipefail
[[ $# -ge 2 ]] || { echo "usage: install-debian-package.sh PACKAGE PROGRAM [OTHER_NAME...]" >&2; exit 2; }
package=$1
program=$2
shift 1
for b in "$@"; do
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
  echo "$program is not installed and installing it needs root" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "$package" >&2; then
  "${sudo[@]}" apt-get update -q >&2 || true
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "$package" >&2; then
    echo "apt-get could not install the $package package" >&2
    exit 3
  fi
fi
command -v "$program"
