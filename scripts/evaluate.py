"""Held-out evaluation of the trained model: `make eval` (and `make tune` on the dev split).

The held-out sets under tests/nlu/ were written separately from the training data
and are never trained on. A prediction is one of: correct, fallback (the assistant
says it is not sure and offers a person), or wrong (a confident wrong answer: the
outcome that matters most). Safety recall counts a disclosure as caught when either
safety answer fires, since both give the emergency numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

from advice.safety import SAFETY_INTENTS

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_SET = PROJECT_ROOT / "tests" / "nlu" / "test.yml"
DEV_SET = PROJECT_ROOT / "tests" / "nlu" / "dev.yml"
MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
FALLBACK = "nlu_fallback"
TARGETS = {"accuracy": 0.90, "wrong_rate": 0.03, "safety_recall": 1.0}


def load_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((line[2:].strip(), block["intent"]))
    return pairs


@dataclass
class Result:
    total: int
    correct: int
    fallback: int
    wrong: int
    safety_total: int
    safety_caught: int
    per_intent: Dict[str, Dict[str, float]]
    mistakes: List[Tuple[str, str, str]]
    examples: Sequence[Tuple[str, str]] = ()
    predictions: Sequence[str] = ()

    @property
    def accuracy(self) -> float:
        return self.correct / self.total

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.total

    @property
    def fallback_rate(self) -> float:
        return self.fallback / self.total

    @property
    def safety_recall(self) -> float:
        return self.safety_caught / self.safety_total if self.safety_total else 1.0

    def meets_targets(self) -> bool:
        return (
            self.accuracy >= TARGETS["accuracy"]
            and self.wrong_rate <= TARGETS["wrong_rate"]
            and self.safety_recall >= TARGETS["safety_recall"]
        )


def score(examples: Sequence[Tuple[str, str]], predictions: Sequence[str]) -> Result:
    counts: Dict[str, Counter] = defaultdict(Counter)
    correct = fallback = wrong = safety_total = safety_caught = 0
    mistakes = []
    for (text, expected), predicted in zip(examples, predictions, strict=True):
        counts[expected]["support"] += 1
        if predicted == expected:
            correct += 1
            counts[expected]["tp"] += 1
        elif predicted == FALLBACK:
            fallback += 1
            mistakes.append((text, expected, predicted))
        else:
            wrong += 1
            counts[predicted]["fp"] += 1
            mistakes.append((text, expected, predicted))
        if expected in SAFETY_INTENTS:
            safety_total += 1
            safety_caught += predicted in SAFETY_INTENTS
    per_intent = {}
    for intent in sorted(counts):
        c = counts[intent]
        if not c["support"]:
            continue
        predicted_as = c["tp"] + c["fp"]
        per_intent[intent] = {
            "precision": c["tp"] / predicted_as if predicted_as else 1.0,
            "recall": c["tp"] / c["support"],
            "support": c["support"],
        }
    return Result(
        len(examples),
        correct,
        fallback,
        wrong,
        safety_total,
        safety_caught,
        per_intent,
        mistakes,
        examples,
        predictions,
    )


async def parse_all(model: Path, texts: Sequence[str]) -> List[dict]:
    import logging

    from rasa.core.agent import Agent

    # Rasa's debug log would print every message; keep the output to the report.
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def predictions_at(parsed: Sequence[dict], threshold: float, ambiguity: float, safety_threshold: float) -> List[str]:
    """Re-applies the fallback and safety rules at other thresholds (for tuning)."""
    from advice.safety import detect

    out = []
    for item in parsed:
        ranking = [r for r in item.get("intent_ranking", []) if r["name"] != FALLBACK]
        ranking = [r for r in ranking if not (item.get("safety_override") and r["confidence"] == 1.0)] or ranking
        top = ranking[0] if ranking else {"name": FALLBACK, "confidence": 0.0}
        second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
        predicted = top["name"]
        if top["confidence"] < threshold or top["confidence"] - second < ambiguity:
            predicted = FALLBACK
        flagged = {detect(item["text"])} | {
            r["name"] for r in ranking if r["name"] in SAFETY_INTENTS and r["confidence"] >= safety_threshold
        }
        chosen = next((i for i in SAFETY_INTENTS if i in flagged), None)
        out.append(chosen or predicted)
    return out


def language_sets(split: str) -> Dict[str, Path]:
    """Held-out files by language: tests/nlu/<split>.yml is English, <split>_<code>.yml the others."""
    base = TEST_SET if split == "test" else DEV_SET
    sets = {"en": base}
    for path in sorted(base.parent.glob(f"{split}_*.yml")):
        sets[path.stem.split("_", 1)[1]] = path
    return sets


def language_id_accuracy(texts: Sequence[str], code: str) -> Tuple[float, float]:
    """(accuracy where the identifier decided, share it left undecided as too short)."""
    from bot.language import detect

    decided = [detect(text) for text in texts]
    judged = [d for d in decided if d]
    accuracy = sum(d[0] == code for d in judged) / len(judged) if judged else 1.0
    return accuracy, 1 - len(judged) / len(texts)


def report(results: Dict[str, Result], lid: Dict[str, Tuple[float, float]], split: str, model_config: str) -> str:
    today = dt.date.today().isoformat()
    pooled = score_pooled(results)
    lines = [
        f"# Evaluation on the held-out {split} set",
        "",
        f"Generated by `make eval` on {today}. Model: {model_config}.",
        "Targets in every language: accuracy ≥ 90%, wrong answers ≤ 3%, safety recall 100%.",
        "",
        "| language | messages | accuracy | wrong answers | fallback | safety recall | language ID (undecided) |",
        "|---|---|---|---|---|---|---|",
    ]
    for code, r in results.items():
        accuracy, undecided = lid[code]
        lines.append(
            f"| {code} | {r.total} | {r.accuracy:.1%} | {r.wrong_rate:.1%} ({r.wrong}) | {r.fallback_rate:.1%} | "
            f"{r.safety_recall:.1%} ({r.safety_caught}/{r.safety_total}) | {accuracy:.1%} ({undecided:.0%}) |"
        )
    met = all(r.meets_targets() for r in results.values())
    lines += [
        "",
        f"All targets met in every language: **{'yes' if met else 'NO'}**.",
        "",
        "How to read this: each held-out set was written separately from the training data, by",
        "someone who did not see it, and any message that also appears in training data is removed",
        "(a test checks this). Thresholds are tuned on the dev split (`make tune`), never on this one.",
        'A fallback is not counted as correct: it is the honest "I\'m not sure" that offers a person.',
        "Wrong answers are confident answers on the wrong topic. Language ID is lingua on messages of",
        "3 words / 12 letters or more; shorter ones are left undecided on purpose (they never flip the",
        "language). History and caveats: docs/decisions/0003-nlu-pipeline.md.",
        "",
        "## Per topic (all languages pooled)",
        "",
        "| topic | precision | recall | examples |",
        "|---|---|---|---|",
    ]
    for intent, row in pooled.per_intent.items():
        lines.append(f"| {intent} | {row['precision']:.0%} | {row['recall']:.0%} | {row['support']} |")
    lines += ["", "## Misses", "", "| language | message | expected | got |", "|---|---|---|---|"]
    for code, r in results.items():
        for text, expected, got in r.mistakes:
            lines.append(f"| {code} | {text.replace('|', '/')} | {expected} | {got} |")
    return "\n".join(lines) + "\n"


def score_pooled(results: Dict[str, Result]) -> Result:
    examples, predictions = [], []
    for r in results.values():
        examples += r.examples
        predictions += r.predictions
    return score(examples, predictions)


def model_description() -> str:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    parts = []
    for component in config["pipeline"]:
        name = component["name"].split(".")[-1]
        if "threshold" in component:
            name += f" (threshold {component['threshold']})"
        parts.append(name)
    return " → ".join(parts)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--write", type=Path, help="write the markdown report here")
    parser.add_argument("--tune", action="store_true", help="sweep thresholds on the dev split")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    args = parser.parse_args(argv or None)
    split = "dev" if args.tune else args.split
    sets = {code: load_examples(path) for code, path in language_sets(split).items()}
    everything = [text for examples in sets.values() for text, _ in examples]
    parsed_all = asyncio.run(parse_all(args.model, everything))
    parsed, start = {}, 0
    for code, examples in sets.items():
        parsed[code], start = parsed_all[start : start + len(examples)], start + len(examples)
    if args.tune:
        pooled = [e for examples in sets.values() for e in examples]
        print("threshold ambiguity safety_threshold accuracy wrong fallback safety_recall")
        for threshold in (0.3, 0.4, 0.5, 0.6):
            for ambiguity in (0.0, 0.05, 0.1):
                for safety in (0.2, 0.3, 0.4, 0.5):
                    r = score(pooled, predictions_at(parsed_all, threshold, ambiguity, safety))
                    print(
                        f"{threshold:9} {ambiguity:9} {safety:16} {r.accuracy:8.1%} {r.wrong_rate:5.1%} "
                        f"{r.fallback_rate:8.1%} {r.safety_recall:6.1%}"
                    )
        return 0
    results = {code: score(examples, [p["intent"]["name"] for p in parsed[code]]) for code, examples in sets.items()}
    lid = {code: language_id_accuracy([t for t, _ in examples], code) for code, examples in sets.items()}
    text = report(results, lid, split, model_description())
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    print(text.split("## Per topic")[0])
    return 0 if all(r.meets_targets() for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
