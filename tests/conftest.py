"""Shared test setup. Qt must be told to render offscreen before it is imported anywhere."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="module", autouse=True)
def database_key_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test module its own database key (db/cipher.py), in a file: never the user's key store.

    Databases in tests are encrypted by default, like the program's, and module-scoped fixtures
    make databases, so the key lives as long as the module; subprocesses inherit it. Tests of the
    key itself set their own per test."""
    from db.cipher import ENV_KEY_FILE

    path = tmp_path_factory.mktemp("sleutel") / "database.key"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_KEY_FILE, str(path))
        yield path
