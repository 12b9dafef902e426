"""Real `eventscope` processes for the tests that need one running: readers during a run,
a run killed mid-way. Articles come from the fuzz generator's writer (seeded)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.fuzz.hostile_inputs import article

SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "400", "NO_COLOR": "1"}


def write_articles(folder: Path, n: int, seed: int = 7, junk: int = 0) -> list[str]:
    """`n` distinct short reports as a.txt files (and `junk` inputs that fail); their sources."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"a{i:04d}.txt"
        (folder / name).write_text(article(rng, i), encoding="utf-8")
        names.append(name)
    for i in range(junk):
        (folder / f"j{i:04d}.txt").write_bytes(b"\x00\x01" * 40 if i % 2 else b"  \n")
    return names


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventscope.cli.main", *args]


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=timeout, env=ENV, check=False)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def wait_for(condition: Callable[[], bool], timeout: float, every: float = 0.2) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(every)
    return False
