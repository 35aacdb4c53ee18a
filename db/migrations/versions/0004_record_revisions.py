"""A revision of its own for every member, life-area result and allocation, so a save compares
and writes each record apart (two windows, and later the exchange of files).

Rows from before this revision count as revision 1: each was saved once at least.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_TABLES = ('members', 'life_area_results', 'allocations')


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode: a batch rebuild drops and recreates the
    # table, and with foreign keys on that cascade-deletes the rows that refer to it.
    for table in _TABLES:
        op.add_column(table, sa.Column('revision', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f'ALTER TABLE {table} DROP COLUMN revision')
