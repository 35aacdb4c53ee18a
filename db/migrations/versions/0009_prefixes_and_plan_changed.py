"""Short name prefixes with the households' sort keys (search in name order without sorting), and
when each plan was last saved (the caseload's "concept not touched for two weeks").

Revision ID: 0009
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    op.add_column('plans', sa.Column('changed_on', sa.DateTime(), nullable=True))
    # No foreign key and no index on household_id: each would double the table (db.schema).
    op.create_table(
        'household_prefixes',
        sa.Column('prefix', sa.String(), nullable=False),
        sa.Column('display_name', sa.String(), nullable=False),
        sa.Column('case_number', sa.String(), nullable=False),
        sa.Column('household_id', sa.String(), nullable=False),
        sa.PrimaryKeyConstraint(
            'prefix', 'display_name', 'case_number', 'household_id', name=op.f('pk_household_prefixes')
        ),
        sqlite_with_rowid=False,
    )
    # Backfill from the stored name words (the same words db.search.name_words gives).
    from db.search import prefix_rows

    conn = op.get_bind()
    words: dict[str, list[str]] = {}
    for word, hid in conn.execute(sa.text('SELECT word, household_id FROM household_words')):
        words.setdefault(hid, []).append(word)
    rows = [
        row
        for hid, name, case in conn.execute(sa.text('SELECT id, display_name, case_number FROM households'))
        for row in prefix_rows(words.get(hid, []), name, case, hid)
    ]
    if rows:
        conn.execute(
            sa.text(
                'INSERT INTO household_prefixes (prefix, display_name, case_number, household_id) '
                'VALUES (:prefix, :display_name, :case_number, :household_id)'
            ),
            rows,
        )


def downgrade() -> None:
    op.drop_table('household_prefixes')
    op.execute('ALTER TABLE plans DROP COLUMN changed_on')
