"""Removes from the held-out sets (tests/nlu/) any message that also appears in training data.

Run after adding training data: the evaluation is only honest if the two never share
a message (tests/test_rasa_project.py checks). Messages are compared ignoring case,
spaces and punctuation. Held-out sets lose the duplicate; training data is untouched.
"""

from __future__ import annotations

import sys

from scripts.evaluate import PROJECT_ROOT, load_examples


def key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def main() -> int:
    trained = {key(t) for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml") for t, _ in load_examples(path)}
    for path in sorted((PROJECT_ROOT / "tests" / "nlu").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not (line.startswith("    - ") and key(line.strip()[2:]) in trained)]
        if len(kept) != len(lines):
            path.write_text("".join(kept), encoding="utf-8")
            print(f"{path.relative_to(PROJECT_ROOT)}: removed {len(lines) - len(kept)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
