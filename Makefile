# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := examples/case-demo

.PHONY: install demo test bench-quality bench-throughput clean

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

# Protection quality of VictimShield against plain Presidio on seeded synthetic cases.
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench-quality: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.quality --out build/quality

bench-throughput: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput/run.py

clean:
	rm -rf $(VENV) build
