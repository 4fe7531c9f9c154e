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
# Both backends at once, one per core (each run is mostly Schemathesis's own Python):
# seven minutes one after the other on the 2-core CI machine. Each output is printed
# whole when both are done.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
pids=()
for backend in sqlite postgres; do
  "$venv/bin/python" fuzz_api.py --bin "$NOABER_BIN" --backend "$backend" \
    --schemathesis "$venv/bin/schemathesis" >"$logs/$backend" 2>&1 &
  pids+=("$!")
done
status=0
for i in 0 1; do
  wait "${pids[$i]}" || status=1
done
for backend in sqlite postgres; do
  printf '\n--- schema fuzzing on %s ---\n' "$backend"
  cat "$logs/$backend"
done
exit "$status"
