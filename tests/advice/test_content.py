"""The content a council officer edits: complete, sourced, short, plain, numbers in one place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import textstat

from advice.content import CONTENT_DIR, MAX_MESSAGE_CHARS, ContentError, default_content, load_content
from advice.rendering import fill
from tests.conftest import SHARED

FOUNDATION_GROUPS = (
    "Care Act and adult social care",
    "Direct payments",
    "Carers",
    "Social prescribing and community support",
    "Safety, contact and access",
    "Conversation",
)
CONVERSATION_WITHOUT_FACTS = {
    "greeting",
    "goodbye",
    "thanks",
    "bot_identity",
    "change_language",
    "menu",
    "feedback",
    "more",
    "location_unknown",
    "language_changed",
}


def topic_ids_from_contract() -> list[str]:
    """Topic ids in ../shared/content/topics.md, by section."""
    ids, section = [], None
    for line in (SHARED / "topics.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section in FOUNDATION_GROUPS and line.startswith("| ") and not line.startswith(("| id", "|---")):
            ids += [part.strip() for part in line.split("|")[1].split(",")]
    return ids


def all_texts():
    for topic in default_content().topics.values():
        yield topic.id, topic.text, topic.sources
        for detail in topic.details:
            yield f"{topic.id}.{detail.id}", detail.text, detail.sources


def test_every_contract_topic_has_an_answer():
    ids = topic_ids_from_contract()
    assert len(ids) >= 50
    missing = [i for i in ids if i not in default_content().topics]
    assert not missing


@pytest.mark.parametrize(
    "where, text, sources", list(all_texts()), ids=lambda v: v if isinstance(v, str) and len(v) < 60 else ""
)
def test_each_message_is_short_and_sourced(where, text, sources):
    filled = fill(text)
    assert len(filled) <= MAX_MESSAGE_CHARS, f"{where}: {len(filled)} characters"
    if where.split(".")[0] not in CONVERSATION_WITHOUT_FACTS:
        assert sources, f"{where} states facts but names no source"
    sentences = [s for s in re.split(r"(?<=[.?!])\s+|\n", filled) if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 20, f"{where}: a sentence is over 20 words"


def test_reading_level_is_about_age_nine():
    grades = [textstat.flesch_kincaid_grade(fill(text)) for _, text, _ in all_texts()]
    # Flesch-Kincaid grade 4 is about age 9-10; lists of short items skew single texts.
    assert sum(grades) / len(grades) <= 5.0


def test_phone_numbers_and_amounts_live_only_in_contacts():
    typed = re.compile(r"\b0\d{3} ?\d{3} ?\d{4}\b|\b999\b|\b111\b|\b116 ?123\b|£\s?\d")
    for where, text, _ in all_texts():
        assert not typed.search(text), f"{where}: write a {{placeholder}} instead of the number"


def test_unconfirmed_opening_hours_are_never_stated():
    hours = re.compile(r"\b\d{1,2}(:\d\d)?\s?(am|pm)\b", re.IGNORECASE)
    for where, text, _ in all_texts():
        without_ombudsman = text.replace("{ombudsman_hours}", "")
        assert not hours.search(without_ombudsman), f"{where} states hours (CONFIRM in facts.md)"


def test_sources_are_the_keys_of_facts_md():
    facts = (SHARED / "facts.md").read_text(encoding="utf-8")
    for key in default_content().sources:
        assert key in facts or key in {"NHS", "SAMARITANS", "DWP", "CENSUS2021"}, key


def test_a_broken_edit_is_reported_with_its_place(tmp_path: Path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    answers = copy / "answers" / "system.yml"
    answers.write_text(answers.read_text().replace("{fpoc_phone}", "{fpoc_fone}"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"system.yml: topic 'unavailable'.*fpoc_fone"):
        load_content(copy)


def test_a_missing_source_key_is_reported(tmp_path: Path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    answers = copy / "answers" / "system.yml"
    answers.write_text(answers.read_text().replace("[SC-WEB, NHS]", "[SC-WEBB, NHS]"), encoding="utf-8")
    with pytest.raises(ContentError, match="unknown source key 'SC-WEBB'"):
        load_content(copy)
