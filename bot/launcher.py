"""`make run`: starts Rasa and the gateway together and stops both on Ctrl-C.

Rasa listens on loopback only, with its HTTP API off (no --enable-api): only the
gateway talks to it, through the REST webhook.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List

from bot.settings import data_dir

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
# Channels that need credentials stay off until these are set (built in later work).
CHANNEL_SWITCHES = {
    "SMS (Twilio)": "not available yet in this version",
    "Telegram": "not available yet in this version",
}


def service_env(port: int, rasa_port: int, data_dir: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{port}/actions/webhook")
    env.setdefault("TRACKER_DIALECT", "sqlite")
    env.setdefault("TRACKER_DB", str(data_dir / "rasa_tracker.db"))
    env.update(
        {"PORT": str(port), "RASA_PORT": str(rasa_port), "PYTHONPATH": str(PROJECT_ROOT), "DATA_DIR": str(data_dir)}
    )
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def rasa_command(model: Path, rasa_port: int) -> List[str]:
    return [
        str(Path(sys.executable).with_name("rasa")),
        "run",
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(rasa_port),
        "--endpoints",
        str(PROJECT_ROOT / "endpoints.yml"),
        "--credentials",
        str(PROJECT_ROOT / "credentials.yml"),
    ]


def wait_for(url: str, timeout: float, process: subprocess.Popen) -> bool:
    """Polls `url` until it answers 200, the process dies, or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    return False


def stop(processes: List[subprocess.Popen], grace: float = 10.0) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_gateway(port: int, rasa_port: int, data_dir: Path) -> subprocess.Popen:
    """Starts the gateway alone (also used to restart it while Rasa keeps running)."""
    env = service_env(port, rasa_port, data_dir)
    return subprocess.Popen([sys.executable, "-m", "bot.server"], cwd=PROJECT_ROOT, env=env)


def start(port: int, rasa_port: int, model: Path, data_dir: Path) -> List[subprocess.Popen] | None:
    """Starts both services and waits until they answer; None if either failed."""
    if not model.exists():
        print(f"No trained model at {model}. Run `make model` first.", file=sys.stderr)
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    env = service_env(port, rasa_port, data_dir)
    gateway = start_gateway(port, rasa_port, data_dir)
    rasa = subprocess.Popen(rasa_command(model, rasa_port), cwd=PROJECT_ROOT, env=env)
    processes = [gateway, rasa]
    ready = wait_for(f"http://127.0.0.1:{port}/health", 60, gateway) and wait_for(
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/", 300, rasa
    )
    if not ready:
        print("The assistant did not start; see the log lines above.", file=sys.stderr)
        stop(processes)
        return None
    return processes


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--data-dir", type=Path, default=data_dir())
    args = parser.parse_args(argv)
    processes = start(args.port, args.rasa_port, args.model, args.data_dir)
    if processes is None:
        return 1
    for channel, how in CHANNEL_SWITCHES.items():
        print(f"{channel}: off ({how}).")
    print(
        f"\nThe assistant is ready.\n"
        f"  Web chat: http://localhost:{args.port}/\n"
        f"  REST API: POST http://localhost:{args.port}/webhooks/rest/webhook "
        '{"sender": "me", "message": "hello"}\n'
        f"  Terminal chat: make chat   (in another terminal)\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        print("A service stopped unexpectedly; stopping the other.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
