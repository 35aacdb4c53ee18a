"""Versioned reference data of the Trajectplanner (read only through planner/reference.py)."""
