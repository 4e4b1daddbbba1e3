"""`make run`: the demo with DEBUG off and no autoreloader; `DEBUG=1 make run` with both."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = "from portal.settings import dev; print(dev.DEBUG, dev.WHITENOISE_AUTOREFRESH)"


def dev_settings(tmp_path, **env) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment.update(PORTAL_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def runserver_line(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(env)
    commands = subprocess.run(
        ["make", "-n", "run"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return next(line for line in commands.splitlines() if " runserver " in line)


def test_the_demo_runs_with_debug_off(tmp_path):
    assert dev_settings(tmp_path) == "False False"


def test_debug_1_turns_debug_and_static_refresh_on(tmp_path):
    assert dev_settings(tmp_path, DEBUG="1") == "True True"


def test_make_run_starts_the_server_without_the_autoreloader():
    assert "--noreload" in runserver_line().split()


def test_debug_1_make_run_keeps_the_autoreloader():
    assert "--noreload" not in runserver_line(DEBUG="1").split()
