# newskg: every target works on a fresh clone with nothing installed but Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
OUT    ?= out
GOLD   ?= ../shared/eval

.PHONY: venv install demo test test-fast lint format bench bench-accuracy bench-query bench-length check-gold calibrate serve clean

venv: $(BIN)/python

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(KG) build examples --db $(OUT)/db -o $(OUT)/graph.ttl
	$(KG) validate $(OUT)/graph.ttl
	$(KG) render $(OUT)/graph.ttl -o $(OUT)/graph.html
	$(KG) timeline Russia $(OUT)/graph.ttl -o $(OUT)/timeline.png
	$(KG) query --db $(OUT)/db --name who-does-what
	@echo "Wrote $(OUT)/graph.ttl, $(OUT)/graph.html, $(OUT)/timeline.png and the store $(OUT)/db"

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser and not slow"

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks

format: install
	$(BIN)/ruff format kg tests benchmarks
	$(BIN)/ruff check --fix kg tests benchmarks

bench: install
	$(BIN)/python benchmarks/build_bench.py
	$(BIN)/python benchmarks/query_bench.py
	$(BIN)/python benchmarks/render_bench.py

.PHONY: bench-render
bench-render: install
	$(BIN)/python benchmarks/render_bench.py

bench-length: install
	$(BIN)/python benchmarks/length_bench.py

bench-query: install
	$(BIN)/python benchmarks/query_bench.py

bench-accuracy: install
	$(BIN)/python benchmarks/accuracy.py $(GOLD)

# Fits ontology/calibration.yaml on the tune halves of the gold sets.
calibrate: install
	$(BIN)/python benchmarks/calibrate.py $(GOLD)

# Fails when a phrase of the gold data stands in kg/, tests/, benchmarks/ or the lexicon.
check-gold: install
	$(BIN)/python benchmarks/gold_phrases.py $(GOLD)

serve: install
	$(KG) serve --db $(OUT)/db

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache

# Regenerate the CAMEO data (ontology/cameo_*.yaml, ontology/gazetteer/cameo_aliases.yaml) from PETRARCH2's
# dictionaries and the CAMEO-to-PLOVER table; the output is the same bytes on every run.
PETRARCH ?= ../shared/petrarch2
PLOVER   ?= ../shared/plover/CAMEO2PLOVER-2021.txt
.PHONY: lexicon
lexicon: install
	$(BIN)/python -m kg.cameo $(PETRARCH) $(PLOVER) ontology

# A picture of the demo graph at the default zoom, as the README shows it (needs /usr/bin/chromium).
.PHONY: screenshot
screenshot: demo
	$(BIN)/python -m tests.browser $(OUT)/graph.html docs/graph.png
