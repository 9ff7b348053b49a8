"""A Rasa NLU component that makes safety win over every other reading of a message.

It runs last in the pipeline (after the FallbackClassifier), so it sees the model's
ranking and can overrule both a confident wrong topic and a fallback. Two signals,
either of which is enough:
- the independent patterns in data/safety/patterns.yml (advice.safety);
- the model itself ranking a safety intent above `safety_threshold`, which is lower
  than the general fallback threshold because a missed disclosure costs more than an
  extra safety message.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from advice.safety import SAFETY_INTENTS, detect

CONFIDENCE = "confidence"
CHILDRENS_SERVICES = "childrens_services"
# How sure the model must be that a message is about a child before the children's
# answer (which also gives 999) is kept instead of the adult safeguarding one.
CHILD_CONFIDENCE = 0.6


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyGuard(GraphComponent):
    """Overrides the predicted intent with a safety intent when a disclosure is spotted."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"safety_threshold": 0.3}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.safety_threshold = float(config.get("safety_threshold", 0.3))

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyGuard:
        return cls(config)

    def _model_safety_intent(self, message: Message) -> str | None:
        for entry in message.get(INTENT_RANKING_KEY) or []:
            name = entry.get(INTENT_NAME_KEY)
            if name in SAFETY_INTENTS and entry.get(CONFIDENCE, 0.0) >= self.safety_threshold:
                return name
        return None

    def _about_a_child(self, message: Message, chosen: str) -> bool:
        """A child at risk needs the children's services answer (which has 999), not the adult one."""
        ranking = message.get(INTENT_RANKING_KEY) or [{}]
        top = ranking[0]
        return (
            chosen == "safeguarding_concern"
            and top.get(INTENT_NAME_KEY) == CHILDRENS_SERVICES
            and top.get(CONFIDENCE, 0.0) >= CHILD_CONFIDENCE
        )

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = {detect(text), self._model_safety_intent(message)}
            chosen = next((intent for intent in SAFETY_INTENTS if intent in found), None)
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if chosen is None or chosen == current or self._about_a_child(message, chosen):
                continue
            message.set(INTENT, {INTENT_NAME_KEY: chosen, CONFIDENCE: 1.0}, add_to_output=True)
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY) != chosen]
            message.set(
                INTENT_RANKING_KEY,
                [{INTENT_NAME_KEY: chosen, CONFIDENCE: 1.0}] + ranking,
                add_to_output=True,
            )
            message.set("safety_override", True, add_to_output=True)
        return messages
