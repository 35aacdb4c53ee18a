"""What a second process of an ingest does (planner/services/ingest.py `_opening`): open files and
check their documents, at a lower priority than the import, and end when the program that started
it ends, however it ends."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import wait

from planner.exchange import document
from planner.exchange.envelope import open_file
from planner.exchange.gc_pause import gc_paused

# How much lower than the importing process an opening process runs. It works ahead, in the
# time the import waits for the database; where the importer, the database server and the
# openings all want a processor (an office server of two cores), the import, which the others
# wait for, goes first (an ingest 3 % faster on two cores).
NICENESS = 10


def start_second_process() -> None:
    """Run at the start of a second process: it runs at a lower priority, and ends with the
    program that started it."""
    if hasattr(os, "nice"):  # not on Windows, where it runs at the same priority
        os.nice(NICENESS)
    end_with_parent()


def end_with_parent() -> None:
    """When the program that started this process is gone (killed, even), it ends too, rather
    than wait for work that will never come."""
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
