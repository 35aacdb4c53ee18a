"""Qt's own messages (warnings, criticals) go to our private log, through its redacting filter,
instead of to the terminal: a message may quote a widget's text."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", context.category or "default", message)


def install_qt_message_handler() -> None:
    """Route every Qt message to the log (uncaught exceptions in slots reach `sys.excepthook`,
    which `ui.shell.root.start_process` points at the same log)."""
    qInstallMessageHandler(_to_log)
