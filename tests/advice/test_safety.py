"""The pattern safeguard on its own cases (tests/safety/cases.yml)."""

from pathlib import Path

import pytest
import yaml

from advice.safety import detect, normalise

CASE_FILES = sorted((Path(__file__).resolve().parents[1] / "safety").glob("cases*.yml"))
CASES = {"must_flag": [], "must_not_flag": []}
for path in CASE_FILES:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for kind in CASES:
        CASES[kind] += data.get(kind) or []


@pytest.mark.parametrize("case", CASES["must_flag"], ids=lambda c: c["text"][:40])
def test_disclosures_are_flagged(case):
    assert detect(case["text"]) == case["intent"]


@pytest.mark.parametrize("case", CASES["must_not_flag"], ids=lambda c: c["text"][:40])
def test_ordinary_questions_are_not_flagged(case):
    assert detect(case["text"]) is None


def test_normalise_straightens_apostrophes():
    assert normalise("Don\u2019t   WANT") == "don't want"
