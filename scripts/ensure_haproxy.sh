#!/usr/bin/env bash
# Make sure Debian's haproxy (the reverse proxy of `make cluster` and its browser test) is installed.
set -euo pipefail
[ -x /usr/sbin/haproxy ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian package: haproxy. Install it as root: apt-get install -y haproxy" >&2
  exit 1
fi
echo "Installing haproxy with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends haproxy >/dev/null
