"""Every exchanged record's content digest stored beside it (db/schema.py, db/exchange.py): an
office's import takes the records a laptop's file brings unchanged by their digest, without
reading them whole (most of an ingest's reading). The digests of the records already stored are
worked out here, as the program that runs this migration reads them; a later migration that adds
a column to these tables (the records then have another field) works them out again.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

_TABLES = ('households', 'members', 'plans', 'life_area_results', 'allocations')


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    for table in _TABLES:
        op.add_column(table, sa.Column('digest', sa.LargeBinary(), nullable=True))
    from db.exchange import fill_digests  # the digest as this program works it out

    fill_digests(op.get_bind())


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f'ALTER TABLE {table} DROP COLUMN digest')
