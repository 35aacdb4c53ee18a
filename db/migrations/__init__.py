"""Alembic migrations, shipped as package data and run from `db.database` (no alembic.ini)."""
