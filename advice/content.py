"""Loads the answer content (data/content) and checks it before anyone sees it.

Content editors change YAML files, not code. Everything a wrong edit could break
(an unknown source key, a missing placeholder, a first message that is too long)
is reported as a ContentError naming the file and topic, so tests and start-up
fail loudly instead of a resident seeing a broken answer.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = PROJECT_ROOT / "data" / "content"
MAX_MESSAGE_CHARS = 500
AREAS = ("shropshire", "any")


class ContentError(ValueError):
    """Raised when a content file is not valid; the message says where and why."""


@dataclass(frozen=True)
class Detail:
    """A follow-up option: a button label and the message it opens."""

    id: str
    label: str
    text: str
    sources: Tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """One topic's answer, as the content editor wrote it (English, with placeholders)."""

    id: str
    label: str
    area: str
    text: str
    sources: Tuple[str, ...]
    last_checked: dt.date
    details: Tuple[Detail, ...] = ()
    related: Tuple[str, ...] = ()
    unconfirmed: Tuple[str, ...] = ()
    origin: str = ""

    def detail(self, detail_id: str) -> Detail | None:
        return next((d for d in self.details if d.id == detail_id), None)


@dataclass(frozen=True)
class Content:
    """All topics, the values placeholders stand for, and the known source keys."""

    topics: Mapping[str, Topic]
    values: Mapping[str, Any] = field(default_factory=dict)
    value_sources: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def topic(self, topic_id: str) -> Topic:
        try:
            return self.topics[topic_id]
        except KeyError:
            raise ContentError(f"no answer is written for topic '{topic_id}'") from None


def _read_yaml(path: Path) -> Dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: expected a mapping at the top level")
    return data


def placeholders(text: str) -> List[str]:
    """Names of the {placeholders} in a text, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def _load_values(path: Path) -> Tuple[Dict[str, Any], Dict[str, str]]:
    """Flattens contacts.yml into placeholder name -> raw value (and its source)."""
    data = _read_yaml(path)
    values: Dict[str, Any] = {}
    sources: Dict[str, str] = {}
    for group, entries in data.items():
        if not isinstance(entries, dict):
            raise ContentError(f"{path.name}: '{group}' must be a mapping")
        for name, entry in entries.items():
            if not isinstance(entry, dict) or "source" not in entry:
                raise ContentError(f"{path.name}: '{group}.{name}' needs a value and a source")
            if name in values:
                raise ContentError(f"{path.name}: '{name}' is defined twice")
            values[name] = {"kind": group, **entry}
            sources[name] = entry["source"]
    return values, sources


def _tuple(raw: Any, where: str, what: str) -> Tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ContentError(f"{where}: '{what}' must be a list of strings")
    return tuple(raw)


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: '{key}' is missing or empty")
    if "\n\n" in value:
        raise ContentError(f"{where}: '{key}' has a blank line (it would split the message)")
    return value.strip()


def _parse_topic(topic_id: str, raw: Any, origin: str) -> Topic:
    where = f"{origin}: topic '{topic_id}'"
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected a mapping")
    area = raw.get("area")
    if area not in AREAS:
        raise ContentError(f"{where}: 'area' must be one of {', '.join(AREAS)}")
    checked = raw.get("last_checked")
    if not isinstance(checked, dt.date):
        raise ContentError(f"{where}: 'last_checked' must be a date (YYYY-MM-DD)")
    details = []
    for index, item in enumerate(raw.get("details") or []):
        detail_where = f"{where} detail {index + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ContentError(f"{detail_where}: needs an 'id'")
        details.append(
            Detail(
                id=item["id"],
                label=_text(item, "label", detail_where),
                text=_text(item, "text", detail_where),
                sources=_tuple(item.get("sources"), detail_where, "sources"),
            )
        )
    return Topic(
        id=topic_id,
        label=_text(raw, "label", where),
        area=area,
        text=_text(raw, "text", where),
        sources=_tuple(raw.get("sources"), where, "sources"),
        last_checked=checked,
        details=tuple(details),
        related=_tuple(raw.get("related"), where, "related"),
        unconfirmed=_tuple(raw.get("unconfirmed"), where, "unconfirmed"),
        origin=origin,
    )


def validate(content: Content) -> List[str]:
    """Every problem a content editor must fix, as readable sentences (empty when fine)."""
    problems: List[str] = []
    for topic in content.topics.values():
        where = f"{topic.origin}: topic '{topic.id}'"
        texts = [(where, topic.text, topic.sources)] + [
            (f"{where} detail '{d.id}'", d.text, d.sources) for d in topic.details
        ]
        for place, text, sources in texts:
            for key in sources:
                if key not in content.sources:
                    problems.append(f"{place}: unknown source key '{key}'")
            for name in placeholders(text):
                if name not in content.values:
                    problems.append(f"{place}: unknown placeholder '{{{name}}}'")
                elif content.value_sources[name] not in sources:
                    problems.append(
                        f"{place}: uses {{{name}}} but does not list its source '{content.value_sources[name]}'"
                    )
        ids = [d.id for d in topic.details]
        if len(ids) != len(set(ids)):
            problems.append(f"{where}: two details share an id")
        for related in topic.related:
            if related not in content.topics:
                problems.append(f"{where}: related topic '{related}' has no answer")
    return problems


def load_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Reads every answers/*.yml file plus contacts.yml and sources.yml, and validates them."""
    topics: Dict[str, Topic] = {}
    for path in sorted((content_dir / "answers").glob("*.yml")):
        data = _read_yaml(path)
        raw_topics = data.get("topics")
        if not isinstance(raw_topics, dict):
            raise ContentError(f"{path.name}: expected a 'topics' mapping")
        for topic_id, raw in raw_topics.items():
            if topic_id in topics:
                raise ContentError(f"{path.name}: topic '{topic_id}' is also in {topics[topic_id].origin}")
            topics[topic_id] = _parse_topic(topic_id, raw, path.name)
    values, value_sources = _load_values(content_dir / "contacts.yml")
    sources = _read_yaml(content_dir / "sources.yml").get("sources") or {}
    content = Content(topics=topics, values=values, value_sources=value_sources, sources=sources)
    problems = validate(content)
    if problems:
        raise ContentError("content has problems:\n- " + "\n- ".join(problems))
    return content


@lru_cache(maxsize=1)
def default_content() -> Content:
    """The project's content, loaded once per process."""
    return load_content()
