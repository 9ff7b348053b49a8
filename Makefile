# One command to run, one to test; both set up everything they need on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3.10
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL := models/assistant.tar.gz
TRAINING := config.yml domain.yml $(wildcard data/nlu/*.yml data/dialogue/*.yml components/*.py)
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run chat test eval admin tune lint validate model setup clean catalogs i18n-extract i18n-update
POT := translations/messages.pot
CATALOGS := $(wildcard translations/*/LC_MESSAGES/*.po)

run: $(STAMP) $(MODEL) catalogs ## Start Rasa and the gateway (http://localhost:8000); Ctrl-C stops both
	$(PY) -m bot.launcher

chat: $(STAMP) ## Terminal chat with a running assistant
	$(PY) -m bot.terminal_chat

test: $(STAMP) $(MODEL) catalogs ## The whole suite
	$(PY) -m pytest

eval: $(STAMP) $(MODEL) catalogs ## Held-out evaluation -> docs/evaluation.md
	$(PY) -m scripts.evaluate --write docs/evaluation.md

admin: $(STAMP) ## Create a console account: make admin USERNAME=jo.smith (asks for the password)
	@test -n "$(USERNAME)" || { echo "Say who: make admin USERNAME=jo.smith"; exit 1; }
	$(PY) -m bot.console.create_admin "$(USERNAME)"

tune: $(STAMP) $(MODEL) ## Threshold sweep on the dev split (never on the test split)
	$(PY) -m scripts.evaluate --tune

lint: $(STAMP)
	$(VENV)/bin/ruff check .

validate: $(STAMP)
	$(RASA) data validate --fail-on-warnings --data data/nlu data/dialogue

model: $(MODEL)

# Translations: Babel's own commands, so a translator can use any .po editor.
i18n-extract: $(STAMP) ## English source text (answers YAML + Python) -> translations/messages.pot
	$(VENV)/bin/pybabel extract -F babel.cfg -o $(POT) --sort-by-file \
		--project="Shropshire care advice" --copyright-holder="Shropshire Council" .

i18n-update: i18n-extract ## Merge new source text into every catalog (changed text becomes fuzzy)
	$(VENV)/bin/pybabel update -i $(POT) -d translations -D messages --ignore-obsolete
	$(VENV)/bin/pybabel update -i $(POT) -d translations -D easyread --ignore-obsolete

catalogs: $(STAMP) ## Compile every catalog (.po -> .mo); set-up runs this
	$(VENV)/bin/pybabel compile -d translations -D messages --statistics
	$(VENV)/bin/pybabel compile -d translations -D easyread --statistics
setup: $(STAMP)

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.10 is needed (pyenv install 3.10, or set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Retrains only when the training data, config or domain changed (make compares times).
$(MODEL): $(STAMP) $(TRAINING)
	$(RASA) train --config config.yml --domain domain.yml --data data/nlu data/dialogue \
		--out models --fixed-model-name assistant
	touch $@

clean:
	rm -rf models var .pytest_cache
