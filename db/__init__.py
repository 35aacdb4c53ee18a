"""Persistence: SQLAlchemy 2 over one SQLite file, Alembic migrations, repositories."""
