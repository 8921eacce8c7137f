#!/usr/bin/env bash
# Finds (or installs from Debian's packages) the PostgreSQL server binaries the replica tests need
# (initdb, postgres, pg_basebackup: TestReplica) and prints their folder on its last line. Needs
# root (or passwordless sudo) and the package archive to install; exits 3 with a reason on
# standard error when it cannot.
set -uo pipefail
found() {
  local d=$1
  [[ -x $d/initdb && -x $d/postgres && -x $d/pg_basebackup ]]
}
find_bin() {
  if command -v pg_config >/dev/null 2>&1; then
    local d
    d=$(pg_config --bindir 2>/dev/null)
    if [[ -n $d ]] && found "$d"; then
      echo "$d"
      return 0
    fi
  fi
  local best=""
  for d in /usr/lib/postgresql/*/bin; do
    if found "$d"; then
      best=$d # the glob sorts by version text; keep the last (for equal digit counts, the newest)
    fi
  done
  if [[ -n $best ]]; then
    echo "$best"
    return 0
  fi
  return 1
}
if find_bin; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "the PostgreSQL server binaries (initdb, postgres, pg_basebackup) are not installed and installing them needs root" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql >&2; then
  "${sudo[@]}" apt-get update -q >&2 || true
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql >&2; then
    echo "apt-get could not install the postgresql package" >&2
    exit 3
  fi
fi
if find_bin; then
  exit 0
fi
echo "the postgresql package is installed but initdb, postgres and pg_basebackup were not found" >&2
exit 3
