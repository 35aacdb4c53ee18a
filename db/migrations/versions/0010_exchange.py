"""Sync by exported files (domain.md §7): who changed each record last and on which device, the
version it was based on, the conflicts an import leaves for a person, and what was sent to whom.

A record's version is named by (revision, device): a device numbers its own versions of a record
upwards. `base_revision`/`base_device` name the last version made elsewhere that this one was built
on, and `lineage` every device's latest version among its ancestors (JSON {device: revision}), so
an import can tell an ancestor from a version made beside it. Rows from before this revision count as made on this device (its id is made here and kept in
the settings), with no base.

Revision ID: 0010
Revises: 0006
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_RECORDS = ('households', 'members', 'plans', 'life_area_results', 'allocations')


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never batch mode (a batch rebuild cascade-deletes members and plans).
    for table in _RECORDS:
        op.add_column(table, sa.Column('changed_by', sa.String(), nullable=False, server_default=''))
        op.add_column(table, sa.Column('changed_device', sa.String(), nullable=False, server_default=''))
        op.add_column(table, sa.Column('base_revision', sa.Integer(), nullable=False, server_default='0'))
        op.add_column(table, sa.Column('base_device', sa.String(), nullable=False, server_default=''))
        op.add_column(table, sa.Column('lineage', sa.Text(), nullable=False, server_default='{}'))
    op.add_column('decisions', sa.Column('changed_by', sa.String(), nullable=False, server_default=''))
    op.add_column('decisions', sa.Column('changed_device', sa.String(), nullable=False, server_default=''))
    op.create_table(
        'exchange_conflicts',
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('household_id', sa.String(), nullable=False),
        sa.Column('record_kind', sa.String(), nullable=False),
        sa.Column('record_id', sa.String(), nullable=False),
        sa.Column('parent_id', sa.String(), nullable=False),
        sa.Column('here', sa.Text(), nullable=True),
        sa.Column('incoming', sa.Text(), nullable=False),
        sa.Column('incoming_revision', sa.Integer(), nullable=False),
        sa.Column('incoming_device', sa.String(), nullable=False),
        sa.Column('sender', sa.String(), nullable=False),
        sa.Column('created', sa.String(), nullable=False),
        sa.Column('resolved', sa.String(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_conflicts')),
        sa.UniqueConstraint(
            'record_kind',
            'record_id',
            'parent_id',
            'incoming_revision',
            'incoming_device',
            name='uq_exchange_conflicts_version',  # short: PostgreSQL cuts names at 63 characters
        ),
    )
    op.create_index(
        op.f('ix_exchange_conflicts_household_id'), 'exchange_conflicts', ['household_id'], unique=False
    )
    op.create_table(
        'exchange_sent',
        sa.Column('recipient', sa.String(), nullable=False),
        sa.Column('household_id', sa.String(), nullable=False),
        sa.Column('fingerprint', sa.String(), nullable=False),
        sa.PrimaryKeyConstraint('recipient', 'household_id', name=op.f('pk_exchange_sent')),
    )
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM households")).scalar() == 0:
        return  # a new file: the device id is made by the first save (db/authorship.py)
    device = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'exchange.device'")).scalar()
    if device is None:
        device = str(uuid.uuid4())
        conn.execute(sa.text("INSERT INTO settings (key, value) VALUES ('exchange.device', :v)"), {'v': device})
    for table in _RECORDS:
        conn.execute(sa.text(f"UPDATE {table} SET changed_device = :v"), {'v': device})
    conn.execute(sa.text("UPDATE decisions SET changed_device = :v"), {'v': device})


def downgrade() -> None:
    op.drop_table('exchange_sent')
    op.drop_index(op.f('ix_exchange_conflicts_household_id'), table_name='exchange_conflicts')
    op.drop_table('exchange_conflicts')
    for table in (*_RECORDS, 'decisions'):
        for column in ('changed_by', 'changed_device', 'base_revision', 'base_device', 'lineage'):
            if table == 'decisions' and column not in ('changed_by', 'changed_device'):
                continue
            op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
