"""The PDF files of each decision as sent, with their SHA-256, so every reprint is byte-identical.

Decisions stored before this revision have no files here; they print by re-rendering their stored
bundle in invariant mode.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'decision_documents',
        sa.Column('plan_id', sa.String(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('filename', sa.String(), nullable=False),
        sa.Column('sha256', sa.String(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ['plan_id'],
            ['decisions.plan_id'],
            name=op.f('fk_decision_documents_plan_id_decisions'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('plan_id', 'position', name=op.f('pk_decision_documents')),
    )


def downgrade() -> None:
    op.drop_table('decision_documents')
