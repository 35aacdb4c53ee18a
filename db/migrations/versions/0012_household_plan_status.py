"""The plan status each household is listed with, stored and indexed (db/plan_status.py), so a
search filtered on a rare status walks only those households in name order.

Revision ID: 0012
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    op.add_column('households', sa.Column('plan_status', sa.String(), nullable=True))
    # The listed status: the concept's, else the decided plan's, else any (as db/plan_status.py).
    op.execute(
        "UPDATE households SET plan_status = ("
        "SELECT plans.status FROM plans WHERE plans.household_id = households.id "
        "ORDER BY CASE plans.status WHEN 'concept' THEN 0 WHEN 'vastgesteld' THEN 1 ELSE 2 END LIMIT 1)"
    )
    op.create_index(
        op.f('ix_households_plan_status_display_name_case_number'),
        'households',
        ['plan_status', 'display_name', 'case_number'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_households_plan_status_display_name_case_number'), table_name='households')
    op.execute('ALTER TABLE households DROP COLUMN plan_status')
