#!/usr/bin/env bash
# Installs Debian packages the cluster needs when their command is missing, for example
#   install-packages.sh nginx:nginx-light wrk:wrk
# (COMMAND:PACKAGE pairs). Needs root (or passwordless sudo) and the package archive; exits 3 with a
# reason on standard error when it cannot install.
set -uo pipefail
missing=()
for pair in "$@"; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "${missing[*]} not installed and installing needs root" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >&2; then
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q >&2 || true
  if ! "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >&2; then
    echo "apt-get could not install ${missing[*]}" >&2
    exit 3
  fi
fi
