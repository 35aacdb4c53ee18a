"""Name words of every household in their own indexed table (replacing households.search_names),
for a search within a frame.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'household_words',
        sa.Column('word', sa.String(), nullable=False),
        sa.Column('household_id', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ['household_id'],
            ['households.id'],
            name=op.f('fk_household_words_household_id_households'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('word', 'household_id', name=op.f('pk_household_words')),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f('ix_household_words_household_id'), 'household_words', ['household_id'], unique=False
    )
    # Backfill from the words 0001 already kept per household (" word word ", normalised).
    conn = op.get_bind()
    rows = [
        {'word': word, 'household_id': household_id}
        for household_id, names in conn.execute(sa.text('SELECT id, search_names FROM households'))
        for word in dict.fromkeys(names.split())
    ]
    if rows:
        conn.execute(
            sa.text('INSERT INTO household_words (word, household_id) VALUES (:word, :household_id)'), rows
        )
    # Plain ALTER TABLE (SQLite >= 3.35): batch mode would drop and recreate households, and with
    # foreign keys on that deletes every member and plan through ON DELETE CASCADE.
    op.execute('ALTER TABLE households DROP COLUMN search_names')


def downgrade() -> None:
    op.add_column('households', sa.Column('search_names', sa.Text(), nullable=False, server_default=' '))
    op.drop_index(op.f('ix_household_words_household_id'), table_name='household_words')
    op.drop_table('household_words')
