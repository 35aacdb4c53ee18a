"""Request and outcome per allocation: what was asked, and toegekend / gedeeltelijk toegekend / afgewezen
with its motivation. Existing allocations read as granted as asked.

Revision ID: 0008
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes).
    op.add_column('allocations', sa.Column('outcome', sa.String(), nullable=False, server_default='toegekend'))
    op.add_column('allocations', sa.Column('requested_volume', sa.Integer(), nullable=True))
    op.add_column('allocations', sa.Column('requested_start', sa.Date(), nullable=True))
    op.add_column('allocations', sa.Column('requested_end', sa.Date(), nullable=True))
    op.add_column('allocations', sa.Column('request_text', sa.Text(), nullable=False, server_default=''))
    op.add_column('allocations', sa.Column('motivation', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    for column in ('motivation', 'request_text', 'requested_end', 'requested_start', 'requested_volume', 'outcome'):
        op.execute(f'ALTER TABLE allocations DROP COLUMN {column}')
