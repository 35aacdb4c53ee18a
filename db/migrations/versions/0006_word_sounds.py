"""Each name word keeps a forgiving key (db.search.sound), so "Janssen" finds "Jansen" by an index.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    op.add_column('household_words', sa.Column('sound', sa.String(), nullable=False, server_default=''))
    op.create_index(
        op.f('ix_household_words_sound_household_id'), 'household_words', ['sound', 'household_id'], unique=False
    )
    # A search matching many households walks them in name order instead of sorting them all.
    op.create_index(
        op.f('ix_households_display_name_case_number'), 'households', ['display_name', 'case_number'], unique=False
    )
    # Backfill: the keys of the words already stored, and the glued surnames with a prefix.
    from db.search import sound, words

    conn = op.get_bind()
    stored = conn.execute(sa.text('SELECT word, household_id FROM household_words')).all()
    if stored:
        conn.execute(
            sa.text('UPDATE household_words SET sound = :sound WHERE word = :word AND household_id = :household_id'),
            [{'sound': sound(word), 'word': word, 'household_id': hid} for word, hid in stored],
        )
    glued = {
        ("".join(words(f"{prefix} {surname}")), hid)
        for hid, prefix, surname in conn.execute(
            sa.text("SELECT household_id, surname_prefix, surname FROM members WHERE surname_prefix != ''")
        )
    } - {(word, hid) for word, hid in stored}
    if glued:
        conn.execute(
            sa.text('INSERT INTO household_words (word, sound, household_id) VALUES (:word, :sound, :household_id)'),
            [{'word': word, 'sound': sound(word), 'household_id': hid} for word, hid in glued],
        )


def downgrade() -> None:
    op.drop_index(op.f('ix_households_display_name_case_number'), table_name='households')
    op.drop_index(op.f('ix_household_words_sound_household_id'), table_name='household_words')
    op.execute('ALTER TABLE household_words DROP COLUMN sound')
