"""An archived household is kept (retention period) but left out of search and lists by default.

`archived_on` is NULL for a household in use; archiving sets the date, un-archiving clears it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    op.add_column('households', sa.Column('archived_on', sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute('ALTER TABLE households DROP COLUMN archived_on')
