"""Text as the documents' font can show it (issue 14.3): whatever a professional types or pastes
prints, literally or as a visible replacement, and never as an invisible gap or a broken PDF.

- Control and format characters (NUL, ESC, zero-width joiners, bidi overrides, a stray BOM) are
  left out: they have no glyph, and a pasted one must not reorder or hide the text around it.
- A character the font has no glyph for (an emoji, a rare script) becomes U+FFFD "�", which the
  font does have: the reader sees that something stood there.
- Right-to-left runs (Arabic, Hebrew) are shaped and put in visual order by `arabic_reshaper`
  and `python-bidi`; reportlab itself lays out left to right only.
"""

from __future__ import annotations

import functools
import unicodedata

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics

REPLACEMENT = "\ufffd"
_KEPT_CONTROLS = frozenset("\n\t")
_RTL = frozenset({"R", "AL"})


@functools.cache
def covered(font_names: tuple[str, ...]) -> frozenset[int]:
    """The code points every one of the registered TrueType fonts has a glyph for (a text may be
    set in the regular or the bold face), within the Basic Multilingual Plane: reportlab writes a
    broken text map for characters above it (DejaVu's emoticons would print, but a reader or a
    screen reader could not get their text back)."""
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in font_names]  # type: ignore[attr-defined]
    return frozenset.intersection(*(frozenset(c for c in face if c <= 0xFFFF) for face in faces))


@functools.cache
def _plain(font_names: tuple[str, ...]) -> frozenset[str]:
    """Characters that print as they are: a glyph in every face, no control or format character,
    not right to left. Text made only of these (nearly every letter) needs no work at all."""
    glyphs = {chr(c) for c in covered(font_names)} | {" "} | _KEPT_CONTROLS
    return frozenset(
        ch
        for ch in glyphs
        if (ch in _KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf"))
        and unicodedata.bidirectional(ch) not in _RTL
    )


def printable(text: str, font_names: tuple[str, ...]) -> str:
    if _plain(font_names).issuperset(text):
        return text
    glyphs = covered(font_names)
    kept = []
    for ch in text:
        if ch in _KEPT_CONTROLS:
            kept.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        elif ord(ch) in glyphs or ch == " ":
            kept.append(ch)
        else:
            kept.append(REPLACEMENT)
    shown = "".join(kept)
    if any(unicodedata.bidirectional(ch) in _RTL for ch in shown):
        return "\n".join(_visual(line) for line in shown.split("\n"))
    return shown


def _visual(line: str) -> str:
    if not any(unicodedata.bidirectional(ch) in _RTL for ch in line):
        return line
    shaped: str = arabic_reshaper.reshape(line)
    return str(get_display(shaped, base_dir="L"))  # a Dutch letter: the paragraph stays left to right
