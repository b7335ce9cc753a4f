# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := examples/case-demo

.PHONY: install demo test bench-throughput clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -rf build/demo-out
	$(BIN)/victimshield redact $(DEMO)/evidence --policy policies/examples/ro-to-gb.yaml --to GB \
		--roster $(DEMO)/roster.yaml --key-file $(DEMO)/demo.key --out build/demo-out

test: install
	$(BIN)/python -m pytest -q

bench-throughput: install
	$(BIN)/python benchmarks/throughput/run.py

clean:
	rm -rf $(VENV) build
