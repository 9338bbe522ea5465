#!/usr/bin/env bash
# Install Drafter the way an IT department would and use it from another directory, offline.
#  1. python -m build --wheel            (the wheel, with knowledge/, prompts/ and the embedding model)
#  2. a fresh venv, pip install the wheel with the NEWEST dependency versions pyproject.toml allows
#  3. from an empty directory, network off (unshare -n when available): kb build, draft, check, a typo
#  4. the model-path and CLI tests of this checkout against those newest versions
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-python3}
WORK=$(mktemp -d /tmp/drafter-install.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== build the wheel"
.venv/bin/python -m build --wheel --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
WHEEL=$(ls "$WORK"/dist/drafter-*.whl)
echo "$(basename "$WHEEL"): $(du -h "$WHEEL" | cut -f1)"
if "$PY" -c 'import sys, zipfile; sys.exit(any(n.startswith("tests/") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$WHEEL"; then :; else echo "the wheel holds a top-level tests package"; exit 1; fi
# every file of the package that is not Python (templates, static files, the model) must be in the wheel
missing=$(find drafter -type f ! -name '*.py' ! -name '*.pyc' | "$PY" -c 'import sys, zipfile; names = set(zipfile.ZipFile(sys.argv[1]).namelist()); print(" ".join(p.strip() for p in sys.stdin if p.strip() not in names))' "$WHEEL")
if [ -n "$missing" ]; then echo "the wheel lacks package files: $missing (add them to package_data in setup.py)"; exit 1; fi

echo "== a fresh venv, newest versions allowed"
$PY -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip 2>>"$WORK/pip.log"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade --upgrade-strategy eager "$WHEEL[dev]" 2>>"$WORK/pip.log" \
  || { grep -v '^WARNING: Location' "$WORK/pip.log" | tail -20; exit 1; }
"$WORK/venv/bin/python" -m pip list 2>/dev/null | grep -iE '^(openai|langchain-openai|typer|chromadb|httpx2?) '
if [ -d "$WORK/venv/lib/python3"*/site-packages/tests ]; then echo "a top-level tests package was installed"; exit 1; fi

echo "== use it from another directory with the network off"
mkdir -p "$WORK/elsewhere" && cp examples/yangquan-2021.yaml "$WORK/elsewhere/"
OFFLINE=()
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then OFFLINE=(unshare -n); fi
echo "network: ${OFFLINE[*]:-on (unshare -n is not available here)}"
(
  cd "$WORK/elsewhere"
  export HOME="$WORK/home" DRAFTER_STATE_DIR="$WORK/state"
  BIN="$WORK/venv/bin"
  "${OFFLINE[@]}" "$BIN/drafter" kb build | tail -2
  "${OFFLINE[@]}" "$BIN/drafter" kb search "学前三年毛入园率" -k 1 | head -5
  "${OFFLINE[@]}" "$BIN/drafter" draft yangquan-2021.yaml -o out -q && echo "draft: exit 0, $(ls out | tr '\n' ' ')"
  "${OFFLINE[@]}" "$BIN/drafter" check out/draft.md --metrics yangquan-2021.yaml >/dev/null && echo "check: exit 0"
  mkdir -p folder && cp out/draft.md folder/a.md && cp out/draft.docx folder/b.docx
  "${OFFLINE[@]}" "$BIN/drafter" check folder --metrics yangquan-2021.yaml -o review >/dev/null \
    && test -s review/index.html && test -s review/summary.xlsx && echo "check of a folder: exit 0, $(ls review | wc -l) files"
  set +e
  "${OFFLINE[@]}" "$BIN/drafter" draft --bogus 2>"$WORK/typo.txt"; rc=$?
  set -e
  head -2 "$WORK/typo.txt"
  if [ $rc -ne 2 ] || grep -q Traceback "$WORK/typo.txt"; then echo "a mistyped flag gave exit $rc"; exit 1; fi
  echo "mistyped flag: exit 2, no traceback"
)

echo "== the model-path tests against the newest versions"
"$WORK/venv/bin/python" -m pytest -q -p no:cacheprovider -o addopts="-m 'not live'" \
  tests/test_model_replies.py tests/test_backend_openai.py tests/test_draft_resilience.py \
  tests/test_draft_openai.py tests/test_fakeserver.py tests/test_cli_draft.py
