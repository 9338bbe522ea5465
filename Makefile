# Drafter — the two commands of the quick start are `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export TOKENIZERS_PARALLELISM := false
export ANONYMIZED_TELEMETRY := False

.PHONY: install demo test lint bench eval clean lock check-install

# The versions in requirements.lock (pinned, made by `make lock`), then Drafter itself on top of them.
$(STAMP): pyproject.toml setup.py requirements.lock Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Drafts every example offline and checks it. `drafter draft` exits 1 when the checker flags a figure:
# examples/anyue-2023.yaml keeps a real unit error of its report (142.689万元), which must be flagged.
demo: install
	$(BIN)/drafter kb build
	$(BIN)/drafter kb search "学前三年毛入园率 普惠性幼儿园覆盖率" -k 3
	@for f in examples/*.yaml; do \
	  name=$$(basename $$f .yaml); \
	  echo "== drafter draft $$f -o out/$$name"; \
	  $(BIN)/drafter draft $$f -o out/$$name; rc=$$?; \
	  if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	  if [ $$rc -eq 1 ]; then echo "(exit 1 — expected for this example, not a failure: a figure is flagged, see out/$$name/check.json)"; fi; \
	done
	@echo
	@echo "Drafts are in out/*/draft.docx (and draft.md, check.json). Open one, e.g. out/yangquan-2021/draft.docx."
	@echo "Checking a real published report with no data (its defects are flagged):"
	@$(BIN)/drafter check knowledge/reports/changzhi-2021.md; rc=$$?; \
	  if [ $$rc -eq 1 ]; then echo "(exit 1: the checker found a figure to fix in this published report)"; \
	  elif [ $$rc -ne 0 ]; then exit $$rc; fi

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check drafter tests bench scripts eval
	$(BIN)/ruff format --check drafter tests bench scripts eval

bench: install
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

eval: install
	$(BIN)/drafter eval eval/cases -o runs/latest

# Pin the newest versions pyproject.toml allows into requirements.lock (uv's resolver, every platform).
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --no-header --annotation-style line -q -o requirements.lock
	sed -i '1i # The pinned versions `make install` uses. Regenerate with `make lock` after changing pyproject.toml.' requirements.lock

# Build the wheel, install it into a fresh venv with the newest versions allowed, run it from another
# directory with the network off, and run the model-path tests against those versions (CI runs this).
check-install: install
	scripts/check_install.sh

clean:
	rm -rf $(VENV) .drafter out runs
