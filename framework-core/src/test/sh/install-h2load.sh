#!/usr/bin/env bash
# Installs h2load (Debian package nghttp2-client) for the HTTP/2 tests (TlsTest) and prints the
# path of h2load on its last line; exits 3 with a reason on standard error when it cannot install
# (see install-debian-package.sh).
exec bash "$(dirname "$0")/install-debian-package.sh" nghttp2-client h2load
