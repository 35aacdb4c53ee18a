"""Text for a terminal: names come from users and files, so control characters never go out raw.

An ESC in a name would let it recolour, move or retitle the terminal (or hide what follows);
bidirectional overrides would make a line read differently from what it holds. Plain Python:
the command line uses it without Qt.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_C1 = re.compile("[\u0080-\u009f]")


def printable(text: str) -> str:
    """`text` with every control character (C0, DEL, C1) and bidi control replaced by U+FFFD."""
    return "".join(
        REPLACEMENT if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS else ch for ch in text
    )


def escape_c1(json_text: str) -> str:
    """JSON escapes C0 itself; C1 (U+0080–U+009F, e.g. the one-byte CSI) it passes through raw."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
