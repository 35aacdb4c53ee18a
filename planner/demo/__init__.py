"""The demo region: a generated catalogue, the showcase households and further generated ones.

Everything is built from data in `resources/demo/` and the reference data; dates are relative to
`today`, so each showcase situation stays true whenever the demo is loaded (domain.md §8: Daan
turns 18 four months after his plan starts). Generation is deterministic for a given seed.
"""

from planner.demo.common import plan_start, resolve_date, stable_id
from planner.demo.deciding import DemoDecisionError, demo_decision
from planner.demo.households import generate_households
from planner.demo.region import build_catalogue
from planner.demo.showcase import DemoRegion, build_demo_region

__all__ = [
    "DemoDecisionError",
    "DemoRegion",
    "build_catalogue",
    "build_demo_region",
    "demo_decision",
    "generate_households",
    "plan_start",
    "resolve_date",
    "stable_id",
]
