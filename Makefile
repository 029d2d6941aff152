# One-command entry points. `make run` sets up and starts the app; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup system-deps run test bench lint package clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev]'
	touch $@

setup: $(VENV)/.installed

system-deps:
	bash .ci/system-deps.sh

run: setup
	bash .ci/system-deps.sh app
	$(VENV)/bin/penholder

test: system-deps setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: setup
	$(VENV)/bin/ruff check desktop tests benchmarks

package: setup
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist *.egg-info desktop/*.egg-info
