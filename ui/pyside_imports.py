"""Imports after PySide6 at their normal speed.

Once imported, PySide6 reads the source of every module imported after it (an `inspect.getsource`
per module), to find those that switch on its `__feature__` options (snake_case, true_property).
This program uses none of them, and the scan made importing the data layer after the window's
first frame 1.5 × slower (issue 11). Turning the scan off marks modules imported later as not
using those options, which is true of all of ours. It is PySide6's private hook: if a later
version renames it, only the speed is lost (a test says so).
"""

from __future__ import annotations

import sys


def skip_feature_scan() -> bool:
    """Import PySide6 and stop it scanning the source of later imports; False when its hook is
    not there."""
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    feature._mod_uses_pyside = _uses_no_feature
    return True


def _uses_no_feature(module: object) -> bool:
    return False
