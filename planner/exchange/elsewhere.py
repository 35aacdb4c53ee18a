"""What a second process of an ingest does (planner/services/ingest.py `_opening`): open files and
check their documents, and end when the program that started it ends, however it ends."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import wait

from planner.exchange import document
from planner.exchange.envelope import open_file
from planner.exchange.gc_pause import gc_paused


def end_with_parent() -> None:
    """Run at the start of the second process: when the program that started it is gone (killed,
    even), it ends too, rather than wait for work that will never come."""
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - only ever started as a second process
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def open_file_elsewhere(
    data: bytes,
    trusted: Mapping[str, str],
    identities: Sequence[str] = (),
    passphrase: str | None = None,
) -> tuple[str, str, bytes, bytes]:
    """`open_file` in the second process, and its households document checked there: the signer's
    key and name, the document's bytes (which travel back where a view would not) and its records'
    digests (document.record_digests). The importing process then only parses the bytes: the
    check and the digests were a tenth of its work."""
    with gc_paused():
        opened = open_file(data, trusted, identities, passphrase)
        checked = document.loads(opened.view, document.KIND_HOUSEHOLDS)
        return opened.signer_key, opened.signer_name, bytes(opened.view), document.record_digests(checked)
