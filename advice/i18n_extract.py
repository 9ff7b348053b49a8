"""A Babel extraction method for the answer YAML (registered in babel.cfg).

`pybabel extract -F babel.cfg` finds every label and text a person sees in
data/content/answers/*.yml. Each message gets a context naming where it lives
("needs_assessment|text", "needs_assessment|who_can_ask|label") so two topics with
the same English words can be translated differently.
"""

from __future__ import annotations

from typing import IO, Any, Iterator, List, Tuple

import yaml

TRANSLATOR_NOTE = "Keep {placeholders} exactly; phone numbers and amounts are filled in from data."
FIELDS = ("label", "text")


def message_context(topic_id: str, field: str, detail_id: str | None = None) -> str:
    return "|".join(part for part in (topic_id, detail_id, field) if part)


def phrase_context(name: str) -> str:
    return f"contacts|{name}"


def _mapping(node: Any) -> dict:
    return {key.value: value for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


def extract_answers(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Tuple[int, str, Tuple[str, str], List[str]]]:
    root = yaml.compose(fileobj.read().decode("utf-8"))
    topics = _mapping(root).get("topics")
    for topic_key, topic_node in getattr(topics, "value", []):
        topic = _mapping(topic_node)
        places = [(None, topic)] + [
            (_mapping(d).get("id").value, _mapping(d)) for d in getattr(topic.get("details"), "value", [])
        ]
        for detail_id, fields in places:
            for field in FIELDS:
                node = fields.get(field)
                if isinstance(node, yaml.ScalarNode) and node.value.strip():
                    context = message_context(topic_key.value, field, detail_id)
                    yield node.start_mark.line + 1, "pgettext", (context, node.value.strip()), [TRANSLATOR_NOTE]


def extract_phrases(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Tuple[int, str, Tuple[str, str], List[str]]]:
    """The `phrases` of contacts.yml (words such as opening days), which need translating."""
    phrases = _mapping(yaml.compose(fileobj.read().decode("utf-8"))).get("phrases")
    for name_node, entry in getattr(phrases, "value", []):
        value = _mapping(entry).get("value")
        if isinstance(value, yaml.ScalarNode):
            yield value.start_mark.line + 1, "pgettext", (phrase_context(name_node.value), value.value), []


def interface_context(group: str, name: str) -> str:
    return f"interface|{group}|{name}"


def extract_interface(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[Tuple[int, str, Tuple[str, str], List[str]]]:
    """The words of the channels' own screens (data/content/interface.yml)."""
    for group_node, names in getattr(yaml.compose(fileobj.read().decode("utf-8")), "value", []):
        for name_node, value in getattr(names, "value", []):
            if isinstance(value, yaml.ScalarNode) and value.value.strip():
                context = interface_context(group_node.value, name_node.value)
                yield value.start_mark.line + 1, "pgettext", (context, value.value.strip()), [TRANSLATOR_NOTE]
