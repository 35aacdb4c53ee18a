"""A covering index of the life areas the regional monitor counts (db/monitor.py): per plan, its
areas with their distance and result, read without the wide rows (goals, ladder, texts).

Revision ID: 0014
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        op.f('ix_life_area_results_plan_id_life_area_distance_reached'),
        'life_area_results',
        ['plan_id', 'life_area', 'distance', 'reached'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f('ix_life_area_results_plan_id_life_area_distance_reached'), table_name='life_area_results'
    )
