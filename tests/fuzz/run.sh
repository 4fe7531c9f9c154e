#!/usr/bin/env bash
# Schema fuzzing with Schemathesis (PyPI) against a running server, on SQLite and on
# PostgreSQL, anonymously and with a token per role (see fuzz_api.py).
# Needs NOABER_BIN (the noaber binary) and, for PostgreSQL, NOABER_TEST_PG_URL.
set -euo pipefail
cd "$(dirname "$0")"
version=4.32.5
venv="${XDG_CACHE_HOME:-$HOME/.cache}/noaber-ci/schemathesis-$version"
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$version"
fi
for backend in sqlite postgres; do
  "$venv/bin/python" fuzz_api.py --bin "$NOABER_BIN" --backend "$backend" \
    --schemathesis "$venv/bin/schemathesis"
done
