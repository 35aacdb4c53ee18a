"""argparse speaking Dutch: its own words (usage, options, --help, errors) translated."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchParser(argparse.ArgumentParser):
    """argparse with its own words in Dutch (usage, options, --help)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze uitleg en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, dutch in _ARGPARSE_WORDS:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout: {message}\nGebruik --help voor uitleg.\n")


_ARGPARSE_WORDS = (
    ("unrecognized arguments", "onbekende argumenten"),
    ("the following arguments are required", "deze argumenten zijn verplicht"),
    ("invalid choice", "onbekende opdracht"),
    ("choose from", "kies uit"),
    ("invalid int value", "geen geheel getal"),
    ("expected one argument", "verwacht een waarde"),
)
