#!/usr/bin/env bash
# Installs Debian's Chromium for the GraphiQL browser test (playwright-core drives it; Playwright's
# own browser download is never used). Needs root and Debian's package mirror.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
