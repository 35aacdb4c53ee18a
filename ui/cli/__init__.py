"""The command line on the `trajectplanner` entry point: Dutch messages, exit code ≠ 0 on error.

No Qt here: only the verbs that show windows (`window` without a verb, `shot`) import it, lazily.
"""

from ui.cli.main import build_parser, run

__all__ = ["build_parser", "run"]
