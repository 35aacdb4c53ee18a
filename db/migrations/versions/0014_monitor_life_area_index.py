"""Indexes for the office's large databases (measured at 100,000 households):

* a covering index of the life areas the regional monitor counts (db/monitor.py): per plan, its
  areas with their distance and result, read without the wide rows (goals, ladder, texts);
* the name words per household with the word itself, so that the search's probe "has this
  household a word starting with …" (db/name_search.py) is read from the index alone on
  PostgreSQL too. On SQLite the table has no rowid and the old index on household_id already held
  the word (its primary key): the same index under a new name, no larger.

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
    op.drop_index(op.f('ix_household_words_household_id'), table_name='household_words')
    op.create_index(
        op.f('ix_household_words_household_id_word'), 'household_words', ['household_id', 'word'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_household_words_household_id_word'), table_name='household_words')
    op.create_index(
        op.f('ix_household_words_household_id'), 'household_words', ['household_id'], unique=False
    )
    op.drop_index(
        op.f('ix_life_area_results_plan_id_life_area_distance_reached'), table_name='life_area_results'
    )
