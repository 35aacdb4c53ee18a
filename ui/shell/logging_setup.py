"""The log file: rotating, private, and free of client data.

Code logs ids, counts and exception types, never names, BSNs or free text. The filter below is a
second guard: any 9-digit number (a BSN looks like one) is replaced before a record is written.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from ui.shell.paths import log_path

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "trajectplanner-file"


def redact(text: str) -> str:
    return _NINE_DIGITS.sub("*********", text)


class RedactingFilter(logging.Filter):
    """Rewrites the message (and any traceback text) with 9-digit numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """Rotation creates new files; they get user-only rights like the first one."""

    def _open(self):  # type: ignore[no-untyped-def]
        old = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old)


def setup_logging(path: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file (5 × 1 MB) readable only by the user.

    Calling it again replaces the earlier handler instead of adding a second one.
    """
    path = path or log_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    handler = _PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def install_excepthook(log_file: Path) -> None:
    """Uncaught exceptions go to the log; the terminal gets one Dutch sentence, not the traceback."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        logging.getLogger("trajectplanner").critical("uncaught exception", exc_info=(kind, value, tb))
        print(
            f"Fout: er ging iets onverwachts mis ({kind.__name__}). Details staan in het logbestand "
            f"{log_file}.",
            file=sys.stderr,
        )

    sys.excepthook = hook
