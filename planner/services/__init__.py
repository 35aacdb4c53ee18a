"""The service layer: every user intent is an operation that returns what changed.

Operations are plain Python. Edits of the open household (which the Qt session holds in memory
and autosaves) come back as a reversible `Edit`; direct writes (deciding, settings, the
catalogue) go through the unit-of-work port and return `Changes`. See docs/architecture.md.
"""
