#!/usr/bin/env bash
# Generates clients from openapi/komet.yaml with third-party generators and checks that each one
# builds or imports: progenitor (Rust, cargo-progenitor from crates.io) and openapi-python-client
# (Python, from PyPI). Then times `cargo build` and `cargo check` of progenitor's crate against
# komet-api's, interleaved, each in its own target folder, and prints komet-api / progenitor.
#
# Not part of CI: it installs tools and compiles two API clients from scratch (many minutes on
# two cores). Everything it makes stays in a temporary folder outside the repository; nothing
# generated here is meant to be committed.
#
#   scripts/openapi-clients.sh            # work folder: a new mktemp -d
#   KOMET_OAC_WORK=/tmp/oac scripts/openapi-clients.sh
#   KOMET_OAC_ROUNDS=3 scripts/openapi-clients.sh   # timed rebuilds per crate (default 2)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
document="$repo/openapi/komet.yaml"
work="${KOMET_OAC_WORK:-$(mktemp -d /tmp/komet-openapi-clients.XXXXXX)}"
rounds="${KOMET_OAC_ROUNDS:-2}"
mkdir -p "$work"
echo "work folder: $work"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- tools -----------------------------------------------------------------------------------
tools="$work/tools"
if ! [ -x "$tools/bin/cargo-progenitor" ]; then
    echo "== installing cargo-progenitor (crates.io) into $tools"
    cargo install --quiet --locked cargo-progenitor --root "$tools"
fi
if ! [ -x "$work/venv/bin/openapi-python-client" ]; then
    echo "== installing openapi-python-client (PyPI) into $work/venv"
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check \
        openapi-python-client ruff pyyaml
fi
export PATH="$work/venv/bin:$PATH"

# --- Python: openapi-python-client -------------------------------------------------------------
echo "== openapi-python-client"
rm -rf "$work/python"
openapi-python-client generate --path "$document" --meta setup \
    --output-path "$work/python" --fail-on-warning
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall \
    "$work/python"
# Import every generated module, then decode a documented answer with text numbers and flags.
"$work/venv/bin/python" - "$work/python" <<'PY'
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
package = root / "komet_sales_api_client"
modules = sorted(
    ".".join(p.relative_to(root).with_suffix("").parts)
    for p in package.rglob("*.py")
    if p.name != "__init__.py"
)
for name in modules:
    importlib.import_module(name)
from komet_sales_api_client.models import PrebookCreateResponse
answer = PrebookCreateResponse.from_dict(
    {"status": "1", "message": "ok", "prebookId": "77", "prebookNumber": "010225"}
)
assert answer.prebook_number == "010225", answer
lines = sum(len(p.read_text().splitlines()) for p in package.rglob("*.py"))
print(f"python: imported {len(modules)} modules, {lines} generated lines; sample answer decodes")
PY

# --- Rust: progenitor --------------------------------------------------------------------------
echo "== progenitor"
# typify (progenitor's type generator) cannot name enum variants after values made only of
# symbols ("%", "$") and panics; it ignores x-enum-varnames. Such enums become plain strings in
# a copy of the document, and the script says which.
"$work/venv/bin/python" - "$document" "$work/komet-progenitor.yaml" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
patched = []
for name, schema in doc["components"]["schemas"].items():
    values = schema.get("enum") or []
    if any(isinstance(v, str) and not any(c.isalnum() for c in v) for v in values):
        del schema["enum"]
        patched.append(name)
yaml.safe_dump(doc, open(sys.argv[2], "w"), sort_keys=False)
print("progenitor: enums made plain strings in the copy:", ", ".join(patched) or "none")
PY
rm -rf "$work/progenitor"
"$tools/bin/cargo-progenitor" progenitor -i "$work/komet-progenitor.yaml" \
    -o "$work/progenitor" -n komet-progenitor -v 0.1.0 > "$work/progenitor-gen.log"
generated_lines=$(cat "$work/progenitor"/src/*.rs | wc -l)
komet_lines=$(cat "$repo"/komet-api/src/generated/*.rs | wc -l)
echo "progenitor: $generated_lines generated lines (komet-api/src/generated: $komet_lines)"

# --- build times, interleaved ------------------------------------------------------------------
# Each crate builds in its own target folder, so neither reuses the other's dependencies. The
# first build of each compiles its dependencies too; the timed rounds rebuild only the crate.
export CARGO_INCREMENTAL=0
# $1: build or check
run_progenitor() {
    (cd "$work/progenitor" && cargo "$1" --quiet --target-dir "$work/target-progenitor")
}
run_komet() {
    (cd "$repo" && cargo "$1" --quiet -p komet-api --target-dir "$work/target-komet-api")
}
clean_progenitor() {
    (cd "$work/progenitor" && cargo clean --quiet -p komet-progenitor --target-dir "$work/target-progenitor")
}
clean_komet() {
    (cd "$repo" && cargo clean --quiet -p komet-api --target-dir "$work/target-komet-api")
}
timed() {
    local start
    start=$(now)
    "$@"
    elapsed "$start" "$(now)"
}
ratio() { awk -v k="$1" -v p="$2" 'BEGIN { printf "%.2f", k / p }'; }
for command in build check; do
    echo "== cargo $command, first (with dependencies)"
    echo "progenitor crate: $(timed run_progenitor "$command") s"
    echo "komet-api:        $(timed run_komet "$command") s"
    echo "== cargo $command of the crate alone, interleaved, $rounds round(s)"
    for round in $(seq "$rounds"); do
        clean_progenitor
        p=$(timed run_progenitor "$command")
        clean_komet
        k=$(timed run_komet "$command")
        echo "$command round $round: progenitor crate $p s, komet-api $k s, ratio $(ratio "$k" "$p")"
    done
done
echo "note: the machine may be shared with other builds; compare rounds, not single numbers"
