"""The rules of domain.md §5, as checks that return findings in plain Dutch, by rule family:

- `plan`: one active plan, the coordinator, period and deadlines, the ladder, safety (rules 1, 5, 7, 8);
- `members`: birth date and BSN (rules 5, 6);
- `allocations`: dates, amount and life area of an allocation (rules 5–7), calling
- `adulthood`: the law and the 18th birthday (rule 2),
- `providers` and `continuity`: own provider first, contracts and continuity routes (rules 3, 4);
- `outcome`: request and outcome (domain.md §6): a partial grant or refusal has its motivation, a
  partial grant gives less than asked, a refusal carries no hours or budget;
- `frozen`: a decided plan is frozen (rule 9);
- `household`: all of them for a household, errors first.

A check never raises on incomplete or odd data: it says what is wrong and what to do. One
severity: whatever blocks deciding is an error while drafting too (the panel, its count and the
decide dialog agree); a warning never blocks. What the rules read besides the checked object is
one `RuleContext`, including what only storage knows (a BSN held by another household).
"""

from planner.rules.context import RuleContext
from planner.rules.continuity import continuity_findings
from planner.rules.frozen import assert_editable, changed_since_decision
from planner.rules.household import (
    check_allocation,
    check_household,
    check_plan,
    household_findings,
)
from planner.rules.members import check_member
from planner.rules.plan import LADDER_RUNGS_BEFORE_PAID, plan_count_findings

__all__ = [
    "LADDER_RUNGS_BEFORE_PAID",
    "RuleContext",
    "assert_editable",
    "changed_since_decision",
    "check_allocation",
    "check_household",
    "check_member",
    "check_plan",
    "continuity_findings",
    "household_findings",
    "plan_count_findings",
]
