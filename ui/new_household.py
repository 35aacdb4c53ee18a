"""An untouched "Nieuw huishouden" is not kept: Ctrl+N stays undoable until something is typed.

The window calls `discard_if_untyped` when the new household is left (another household, the
search page, closing the window). "Typed" means anything on the undo stack, or text still pending
in a field; the operation `planner.services.household_records.discard_new_household` also checks
the household itself holds nothing before it deletes.
"""

from __future__ import annotations

from ui.session import HouseholdSession


def discard_if_untyped(session: HouseholdSession) -> bool:
    """Delete the new household of `session` when nothing was typed in it; True if deleted."""
    from planner.services.household_records import discard_new_household

    session.flush_pending()  # text typed but not yet committed counts as typed
    if session.undo_stack.count() or not session.is_saved:
        return False
    return discard_new_household(session.db, session.household, session.plans)
