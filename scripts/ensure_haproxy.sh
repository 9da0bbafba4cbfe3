#!/usr/bin/env bash
# Make sure Debian's haproxy (the reverse proxy of `make cluster` and its browser test) is installed.
set -euo pipefail
here="${0%/*}"; [ "$here" = "$0" ] && here=.  # no dirname: the tests run this with only stubs on PATH
[ -x /usr/sbin/haproxy ] && exit 0
exec "$BASH" "$here/apt_install.sh" haproxy
