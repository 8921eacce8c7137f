#!/usr/bin/env bash
# Installs headless Chromium from Debian's packages for the browser tests (CorsBrowserTest and the
# blog's) and prints the path of the browser binary on its last line; exits 3 with a reason on
# standard error when it cannot install (see install-debian-package.sh).
exec bash "$(dirname "$0")/install-debian-package.sh" chromium chromium chromium-browser
