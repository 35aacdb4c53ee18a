"""Why continued youth care (verlengde jeugdhulp) was chosen for an allocation: the letter says it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'allocations',
        sa.Column('extended_youth_care_reason', sa.Text(), nullable=False, server_default=''),
    )


def downgrade() -> None:
    op.execute('ALTER TABLE allocations DROP COLUMN extended_youth_care_reason')
