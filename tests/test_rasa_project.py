"""The Rasa project itself: data validates, conversation tests pass, held-out data stays held out."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from scripts.evaluate import TEST_SET, load_examples
from tests.conftest import MODEL, ROOT

RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
NOT_TOPICS = {"more", "inform_location"}


def training_examples():
    pairs = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        pairs += load_examples(path)
    return pairs


def key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def test_rasa_data_validates_without_warnings():
    run = subprocess.run(
        [RASA, "data", "validate", "--fail-on-warnings", "--data", "data/nlu", "data/dialogue"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_conversation_tests_pass(tmp_path):
    run = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--model",
            str(MODEL),
            "--stories",
            "tests/conversations",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_at_least_25_examples_per_topic():
    counts = Counter(intent for _, intent in training_examples())
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    thin = {i: counts[i] for i in domain["intents"] if i not in NOT_TOPICS and counts[i] < 25}
    assert not thin


def test_held_out_sets_are_never_trained_on():
    trained = {key(text) for text, _ in training_examples()}
    held_out = [pair for path in sorted(TEST_SET.parent.glob("*.yml")) for pair in load_examples(path)]
    assert len(held_out) > 2000
    leaked = [text for text, _ in held_out if key(text) in trained]
    assert not leaked


def test_every_intent_has_a_rule():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    rules = yaml.safe_load((ROOT / "data" / "dialogue" / "rules.yml").read_text())["rules"]
    ruled = {step["intent"] for rule in rules for step in rule["steps"] if "intent" in step}
    assert set(domain["intents"]) <= ruled
