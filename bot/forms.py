"""Request forms that end in the FPOC queue: a needs assessment (starting from "what matters
to you?"), a carer's assessment, joining the Shropshire Carers Register.

The steps are data (data/forms.yml); the words are catalog entries (interface.yml, group
"forms"). One form at a time per conversation, kept in SQL so a restart keeps the place.
Nothing is sent until the person says yes at the end; "Stop" ends it with nothing kept.
Each channel shows the options its own way (buttons on the web, numbers on SMS).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple

import sqlalchemy as sa
import yaml

from advice import interface
from advice.interface import texts
from advice.rendering import Message
from bot.phone import uk_phone
from bot.schema import forms
from bot.storage import Storage, utcnow

FORMS_FILE = Path(__file__).resolve().parents[1] / "data" / "forms.yml"
START, STOP, SEND = "/form ", "/form_stop", "/form_send"
STOP_WORDS = {"stop", "cancel", "/stop"}
KINDS = ("text", "choice", "phone", "consent")


@dataclass(frozen=True)
class Step:
    name: str
    kind: str
    options: Tuple[str, ...] = ()


@dataclass(frozen=True)
class FormSpec:
    kind: str
    steps: Tuple[Step, ...]
    offered_after: Tuple[str, ...]


@lru_cache(maxsize=1)
def specs(path: Path = FORMS_FILE) -> Dict[str, FormSpec]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = texts("forms", "en")
    found = {}
    for kind, entry in data.items():
        steps = tuple(Step(s["name"], s["kind"], tuple(s.get("options") or ())) for s in entry["steps"])
        for step in steps:
            missing = [w for w in (step.name, *step.options) if step.kind != "consent" and w not in words]
            if step.kind not in KINDS or missing:
                raise ValueError(f"{path.name}: {kind}.{step.name}: kind one of {KINDS}; words missing: {missing}")
        if f"{kind}_start" not in words or f"ask_{kind}" not in words:
            raise ValueError(f"{path.name}: {kind} needs '{kind}_start' and 'ask_{kind}' in interface.yml (forms)")
        found[kind] = FormSpec(kind, steps, tuple(entry.get("offered_after") or ()))
    return found


def say(text: str, kind: str, code: str, buttons: List[Dict[str, str]] | None = None) -> Message:
    """One message of a form, labelled with the form's topic (form_<kind>)."""
    return interface.message(text, f"form_{kind}", code, buttons)


def start_button(kind: str, code: str) -> Dict[str, str]:
    return {"title": texts("forms", code)[f"ask_{kind}"], "payload": START + kind}


def offers_for(topics: set) -> List[str]:
    """The forms to offer after answers on these topics."""
    return [spec.kind for spec in specs().values() if topics & set(spec.offered_after)]


@dataclass
class Progress:
    kind: str
    step: int
    answers: Dict[str, str]


@dataclass
class Outcome:
    """What a form step produced: messages to send, and a finished request (or None)."""

    messages: List[Message]
    finished: Dict[str, str] | None = None
    kind: str = ""


class Forms:
    def __init__(self, storage: Storage) -> None:
        self.engine = storage.engine

    def progress(self, conversation_id: str) -> Progress | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(forms).where(forms.c.conversation_id == conversation_id)).first()
        return Progress(row.kind, row.step, json.loads(row.answers)) if row else None

    def _save(self, conversation_id: str, progress: Progress | None) -> None:
        with self.engine.begin() as connection:
            connection.execute(forms.delete().where(forms.c.conversation_id == conversation_id))
            if progress:
                connection.execute(forms.insert().values(
                    conversation_id=conversation_id, kind=progress.kind, step=progress.step,
                    answers=json.dumps(progress.answers, ensure_ascii=False), updated_at=utcnow(),
                ))

    def question(self, progress: Progress, code: str) -> Message:
        words = texts("forms", code)
        step = specs()[progress.kind].steps[progress.step]
        buttons = [{"title": words["stop"], "payload": STOP}]
        if step.kind == "choice":
            buttons = [{"title": words[o], "payload": f"/form_choice {o}"} for o in step.options] + buttons
        elif step.kind == "consent":
            buttons = [{"title": words["send"], "payload": SEND}] + buttons
        return say(words["consent" if step.kind == "consent" else step.name], progress.kind, code, buttons)

    def start(self, conversation_id: str, kind: str, code: str) -> List[Message]:
        if kind not in specs():
            return []
        progress = Progress(kind, 0, {})
        self._save(conversation_id, progress)
        return [say(texts("forms", code)[f"{kind}_start"], kind, code), self.question(progress, code)]

    def take(self, conversation_id: str, text: str, code: str) -> Outcome | None:
        """The person's answer to the current question; None when no form is open."""
        progress = self.progress(conversation_id)
        if progress is None:
            return None
        words = texts("forms", code)
        if text == STOP or text.strip().lower() in STOP_WORDS:
            self._save(conversation_id, None)
            return Outcome([say(words["stopped"], progress.kind, code)])
        step = specs()[progress.kind].steps[progress.step]
        answer = self._answer(step, text)
        if answer is None:
            problem = [say(words["phone_unclear"], progress.kind, code)] if step.kind == "phone" else []
            return Outcome(problem + [self.question(progress, code)])
        if step.kind == "consent":
            self._save(conversation_id, None)
            return Outcome([say(words["sent"], progress.kind, code)], progress.answers, progress.kind)
        progress.answers[step.name] = answer
        progress.step += 1
        self._save(conversation_id, progress)
        return Outcome([self.question(progress, code)])

    @staticmethod
    def _answer(step: Step, text: str) -> str | None:
        if step.kind == "consent":
            return "yes" if text == SEND else None
        if step.kind == "choice":
            chosen = text.removeprefix("/form_choice ").strip()
            return chosen if chosen in step.options else None
        if step.kind == "phone":
            return uk_phone(text)
        return text.strip()[:1000] or None


