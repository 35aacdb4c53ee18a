"""Every plan's children digest stored beside it (db/schema.py, planner/exchange/records.py
`children_digest`): an office's import takes the life-area results and allocations of a stored
plan as its file has them, by that digest, without reading them (most of what an ingest of
re-assessments still read). The digests of the plans already stored are worked out here.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes the children).
    op.add_column('plans', sa.Column('children_digest', sa.LargeBinary(), nullable=True))
    from db.exchange import fill_children_digests  # as this program works it out

    fill_children_digests(op.get_bind())


def downgrade() -> None:
    op.execute('ALTER TABLE plans DROP COLUMN children_digest')
