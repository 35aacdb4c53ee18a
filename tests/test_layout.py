"""The top level is the product's declared layout (engineering.md, "The house"); layers live inside it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DECLARED = {"planner", "db", "ui", "resources", "tests", "docs", "scripts"}
BUILD_OUTPUT = {"build", "dist", "__pycache__"}


def test_the_top_level_holds_only_the_declared_folders() -> None:
    folders = {
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and not p.name.startswith(".") and not p.name.endswith(".egg-info")
    }
    assert folders - BUILD_OUTPUT <= DECLARED
    modules = {p.name for p in ROOT.glob("*.py")}
    assert modules == {"main.py"}
