#!/usr/bin/env bash
# Browser tests of the web app. Needs target/debug/noaber (cargo build -p noaber)
# or NOABER_BIN; installs Debian's Chromium and the npm dev dependencies if missing.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "browser tests: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# playwright-core never downloads a browser; this makes sure nothing else tries.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

node --test
