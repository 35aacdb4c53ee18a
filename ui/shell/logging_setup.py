"""The log file: rotating, private, and free of client data.

Code logs ids, counts and exception types, never names, BSNs or free text; log calls pass values
as arguments, never in an f-string (ruff's G004 holds us to it), so the format text is ours and
only the values need distrust. The filter below is the guard behind that rule:

- every value passed to a log call and every exception message is redacted: quoted text, 9-digit
  numbers (a BSN looks like one), e-mail addresses, IBANs, postcodes, capitalised words (names,
  places) and words with letters outside ASCII (Zoë, Şahin) are masked, and the result is cut
  short; a value that reads as Dutch prose (it holds a Dutch function word: de, het, een, bij…)
  is dropped whole. Never put client text in an exception message; if a value must be named,
  quote it (!r), so that it is masked;
- a traceback is written as its frames (file, line, function) without source lines, arguments or
  local values, and per exception its type and redacted message;
- a database error shows neither its SQL statement nor its parameters, only the driver's message
  (which names a constraint or column, not a value); the engine hides parameters as well;
- uncaught exceptions (also those in Qt slots and in threads) and Python warnings go to this log,
  and the terminal gets one Dutch sentence instead of the traceback.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from ui.shell.paths import log_path

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|«[^»]*»")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A word with a letter outside ASCII, or a capitalised word with lower case in it (a name, a
# place, the start of a sentence typed by someone). Words in capitals (BSN, NOT NULL) stay.
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f\W]\w*")
# Exception type names (IntegrityError) and Qt's class names (QWidget) are code, and kept.
_CAPITALISED_WORD = re.compile(
    r"\b(?![A-Z]\w*(?:Error|Exception|Warning)\b|Q[A-Z]\w*\b)[A-Z][A-Za-z]*[a-z][A-Za-z]*\b"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b")
_POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")
# Client free text is Dutch prose; the messages of Python, Qt and SQLite are English. A value that
# holds a Dutch function word is dropped whole (our own Dutch sentences go with it: the exception
# type and the frames still say where it happened).
_WORD = re.compile(r"[a-z]+")
# fmt: off
_DUTCH_FUNCTION_WORDS = frozenset((
    "de", "het", "een", "en", "van", "bij", "op", "met", "voor", "naar", "niet", "zijn", "heeft",
    "hebben", "wordt", "worden", "sinds", "om", "te", "aan", "uit", "maar", "ook", "als", "dat", "die",
    "deze", "dit", "er", "geen", "haar", "hij", "zij", "ze", "wij", "we", "ik", "mijn", "hun", "nog",
    "al", "dan", "wel", "omdat", "want", "wil", "kan", "moet", "gaat", "komt", "thuis",
))
# fmt: on
_PROSE_DROPPED = "(tekst weggelaten: kan over een cliënt gaan)"
_MAX_VALUE = 200
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "trajectplanner-file"
_SAFE_TYPES = (int, float, bool, type(None))

log = logging.getLogger("trajectplanner")


def redact(text: str) -> str:
    """The light mask for text we wrote ourselves: 9-digit numbers only."""
    return _NINE_DIGITS.sub("*********", text)


def redact_value(text: str) -> str:
    """The strict mask for anything that may come from a client (values, exception messages)."""
    text = _QUOTED.sub("'…'", text)
    text = _EMAIL.sub("…@…", text)
    text = _IBAN.sub("…", text)
    text = _POSTCODE.sub("…", text)
    text = _NINE_DIGITS.sub("*********", text)
    text = _NON_ASCII_WORD.sub("…", text)
    text = _CAPITALISED_WORD.sub("…", text)
    if not _DUTCH_FUNCTION_WORDS.isdisjoint(_WORD.findall(text.lower())):
        return _PROSE_DROPPED
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "… (ingekort)"


def _type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"


def _is_statement_error(exc: BaseException) -> bool:
    # Without importing SQLAlchemy: its StatementError (and every DBAPIError) carries `.statement`
    # and `.params`, and `str()` of it prints both.
    return type(exc).__module__.startswith("sqlalchemy") and hasattr(exc, "statement")


def exception_message(exc: BaseException) -> str:
    """Type and redacted message of one exception, never its SQL or parameters."""
    name = _type_name(type(exc))
    if _is_statement_error(exc):
        orig = getattr(exc, "orig", None)
        inner = f"{_type_name(type(orig))}: {_safe_str(orig)}; " if orig is not None else ""
        return f"{name}: {inner}SQL-opdracht en parameters niet gelogd"
    message = _safe_str(exc)
    return f"{name}: {message}" if message else name


def _safe_str(exc: BaseException) -> str:
    try:
        return redact_value(str(exc))
    except Exception:  # a broken __str__ must not break logging
        return "(bericht onleesbaar)"


def format_exception(exc: BaseException) -> str:
    """A traceback as Python prints it, but with only frames (file, line, function), types and
    redacted messages: no source line (it may hold a literal), no value."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "De uitzondering hierboven is de directe oorzaak van:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "Tijdens het afhandelen daarvan trad op:"
        else:
            current = None
    parts: list[str] = []
    for item, link in reversed(chain):  # the first cause first, as Python prints it
        frames = "".join(
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            for frame in traceback.extract_tb(item.__traceback__)
        )
        parts.append(f"Traceback (most recent call last):\n{frames}{exception_message(item)}")
        if link:  # how the exception printed next relates to this one
            parts.append(link)
    return "\n\n".join(parts)


class RedactingFilter(logging.Filter):
    """Rewrites each record before it is written: values and exceptions redacted (see above)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(_message(record))
        record.args = None
        if record.exc_info:
            value = record.exc_info[1]
            if value is not None:
                record.exc_text = format_exception(value)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _message(record: logging.LogRecord) -> str:
    msg = str(record.msg)
    if not record.args:
        return msg
    values: tuple[object, ...] | dict[str, object]
    if isinstance(record.args, dict):
        values = {key: _safe_value(value) for key, value in record.args.items()}
    else:
        values = tuple(_safe_value(value) for value in record.args)
    try:
        return msg % values
    except (TypeError, ValueError, KeyError):
        return f"{msg} (waarden niet gelogd)"


def _safe_value(value: object) -> object:
    return value if isinstance(value, _SAFE_TYPES) else redact_value(str(value))


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
    # SQLAlchemy logs statements at INFO once its logger is that verbose; never let it.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings (their text may quote a value) go through the filter
    return path


def install_excepthook(log_file: Path) -> None:
    """Uncaught exceptions — in the main thread, in a Qt slot (PySide6 hands those to
    `sys.excepthook`) and in other threads — go to the log; the terminal gets one Dutch sentence."""

    def report(kind: type[BaseException], value: BaseException | None, tb: TracebackType | None) -> None:
        if value is None:
            value = kind()
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        print(
            f"Fout: er ging iets onverwachts mis ({kind.__name__}). Controleer of uw laatste wijziging "
            f"is opgeslagen. Details, zonder gegevens van cliënten, staan in het logbestand {log_file}.",
            file=sys.stderr,
            flush=True,
        )

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
