"""The held-out targets hold for the trained model (numbers: docs/evaluation.md)."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_held_out_targets_are_met():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    run = subprocess.run([sys.executable, "-m", "scripts.evaluate"], cwd=ROOT, env=env, capture_output=True, text=True)
    report = run.stdout
    assert run.returncode == 0, "held-out targets missed:\n" + report[-3000:] + run.stderr[-2000:]
