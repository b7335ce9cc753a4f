# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := examples/case-demo

.PHONY: install system-packages demo lint test bench-quality bench-throughput bench-languages bench-speed clean

# System packages (Debian, needs root and apt; elsewhere it only warns):
# - DejaVu Sans, so rebuilt PDFs draw every Romanian and Cyrillic letter (without it such
#   PDFs are refused, never written with blanks);
# - Tesseract OCR with the case languages, so text in photos and scanned pages is read and
#   checked (without it such files are refused, never passed on unread).
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
OCR_LANGS := eng ron ukr rus spa ita por fra deu vie
OCR_PACKAGES := tesseract-ocr $(addprefix tesseract-ocr-,$(OCR_LANGS))

system-packages:
	@missing=""; \
	[ -f $(FONT) ] || missing="fonts-dejavu-core"; \
	for p in $(OCR_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "warning: missing system packages:$$missing (PDFs with non-Latin-1 text, photos and scans will be refused)"; fi; \
	fi

$(STAMP): pyproject.toml | system-packages
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: system-packages $(STAMP)

# git checks the demo key out readable by others (0644), and a key others can read is refused:
# the demo runs with an owner-only copy. It ends by checking the export against its signed record.
DEMO_OUT ?= build/demo-out
DEMO_KEY ?= build/demo.key

demo: install
	rm -rf $(DEMO_OUT)
	mkdir -p $(dir $(DEMO_KEY))
	install -m 600 $(DEMO)/demo.key $(DEMO_KEY)
	$(BIN)/victimshield redact $(DEMO)/evidence --policy policies/examples/ro-to-gb.yaml --to GB \
		--roster $(DEMO)/roster.yaml --key-file $(DEMO_KEY) --out $(DEMO_OUT) \
		--request-ref "DEMO-MLA-2026/0147" --recipient "Demo receiving authority (GB)" --operator "demo operator"
	@echo "transfer record (signed, for sender and recipient): $(DEMO_OUT)/manifest.json"
	$(BIN)/victimshield manifest verify $(DEMO_OUT) --key-file $(DEMO_KEY)

# The quality gates (docs/quality-gates.md): types, style, and the layering contracts.
lint: install
	$(BIN)/mypy --strict src/victimshield
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache

test: install lint
	$(BIN)/python -m pytest -q

# Protection quality of VictimShield against plain Presidio on seeded synthetic cases.
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench-quality: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.quality --out build/quality

# Five languages' dev sentences (../shared/corpora): words lost, names leaked, lines, exit status.
bench-languages: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.languages --out build/languages

bench-throughput: $(BENCH_STAMP)
	$(BIN)/python benchmarks/throughput/run.py

# Speed and peak memory, whole process per run, against plain Presidio and plain pandas
# (docs/speed.md). Default sizes take minutes on 2 cores; `--full` gives the issue's sizes.
bench-speed: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.speed --out build/speed

clean:
	rm -rf $(VENV) build
