"""Demo data: fictional provider names for the demo region."""
