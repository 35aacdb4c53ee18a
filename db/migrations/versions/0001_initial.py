"""Initial schema: catalogue, households with members, plans with life areas and allocations,
decisions, settings.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('closed_groups',
    sa.Column('municipality_code', sa.String(), nullable=False),
    sa.Column('segment', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('municipality_code', 'segment', name=op.f('pk_closed_groups'))
    )
    op.create_table('households',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('case_number', sa.String(), nullable=False),
    sa.Column('municipality_code', sa.String(), nullable=False),
    sa.Column('street', sa.String(), nullable=False),
    sa.Column('house_number', sa.String(), nullable=False),
    sa.Column('postcode', sa.String(), nullable=False),
    sa.Column('city', sa.String(), nullable=False),
    sa.Column('safety_signal', sa.Boolean(), nullable=False),
    sa.Column('safety_note', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(), nullable=False),
    sa.Column('member_names', sa.Text(), nullable=False),
    sa.Column('search_names', sa.Text(), nullable=False),
    sa.Column('case_key', sa.String(), nullable=False),
    sa.Column('postcode_key', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households')),
    sa.UniqueConstraint('case_number', name=op.f('uq_households_case_number'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_case_key'), ['case_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_postcode_key'), ['postcode_key'], unique=False)

    op.create_table('municipalities',
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_municipalities'))
    )
    op.create_table('products',
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('segment', sa.String(), nullable=False),
    sa.Column('laws', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('frequencies', sa.Text(), nullable=False),
    sa.Column('tariff', sa.String(), nullable=False),
    sa.Column('tariff_year', sa.Integer(), nullable=False),
    sa.Column('max_months', sa.Integer(), nullable=False),
    sa.Column('volume_min', sa.Integer(), nullable=False),
    sa.Column('volume_max', sa.Integer(), nullable=True),
    sa.Column('bandwidth', sa.Boolean(), nullable=False),
    sa.Column('adult_product', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_products'))
    )
    op.create_table('providers',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('agb', sa.String(), nullable=False),
    sa.Column('municipality_code', sa.String(), nullable=False),
    sa.Column('size', sa.String(), nullable=False),
    sa.Column('self_employed', sa.Boolean(), nullable=False),
    sa.Column('expertise', sa.Text(), nullable=False),
    sa.Column('waiting_weeks', sa.Text(), nullable=False),
    sa.Column('accepts_pgb', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers'))
    )
    op.create_table('segments',
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_segments'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('contracts',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(), nullable=False),
    sa.Column('municipality_code', sa.String(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('product_code', sa.String(), nullable=True),
    sa.Column('cell_life_area', sa.String(), nullable=True),
    sa.Column('cell_distance', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_contracts_provider_id_providers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts'))
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_contracts_product_code_municipality_code'), ['product_code', 'municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_contracts_provider_id'), ['provider_id'], unique=False)

    op.create_table('members',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('household_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('bsn', sa.String(), nullable=True),
    sa.Column('given_names', sa.String(), nullable=False),
    sa.Column('initials', sa.String(), nullable=False),
    sa.Column('surname_prefix', sa.String(), nullable=False),
    sa.Column('surname', sa.String(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('salutation', sa.String(), nullable=False),
    sa.Column('receives_letters', sa.Boolean(), nullable=False),
    sa.Column('own_provider_id', sa.String(), nullable=True),
    sa.Column('moved_out_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_members_household_id_households'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_bsn'), ['bsn'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_members_surname'), ['surname'], unique=False)

    op.create_table('plans',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('household_id', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('previous_plan_id', sa.String(), nullable=True),
    sa.Column('report_date', sa.Date(), nullable=True),
    sa.Column('application_date', sa.Date(), nullable=True),
    sa.Column('conversation_date', sa.Date(), nullable=True),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('client_support_offered', sa.Boolean(), nullable=False),
    sa.Column('client_support_present', sa.Boolean(), nullable=False),
    sa.Column('own_plan_submitted', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('coordinator_kind', sa.String(), nullable=True),
    sa.Column('coordinator_provider_id', sa.String(), nullable=True),
    sa.Column('safety_assessment', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_plans_household_id_households'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_household_id'), ['household_id'], unique=False)
        batch_op.create_index('uq_plans_one_concept', ['household_id'], unique=True, sqlite_where=sa.text("status = 'concept'"), postgresql_where=sa.text("status = 'concept'"))
        batch_op.create_index('uq_plans_one_decided', ['household_id'], unique=True, sqlite_where=sa.text("status = 'vastgesteld'"), postgresql_where=sa.text("status = 'vastgesteld'"))

    op.create_table('allocations',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.String(), nullable=False),
    sa.Column('product_code', sa.String(), nullable=False),
    sa.Column('form', sa.String(), nullable=False),
    sa.Column('provider_id', sa.String(), nullable=True),
    sa.Column('volume', sa.Integer(), nullable=False),
    sa.Column('volume_max', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('frequency', sa.String(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('law', sa.String(), nullable=True),
    sa.Column('life_area', sa.String(), nullable=True),
    sa.Column('goal_id', sa.String(), nullable=True),
    sa.Column('hours_lines', sa.Text(), nullable=False),
    sa.Column('continuity', sa.Text(), nullable=True),
    sa.Column('pgb_budget', sa.String(), nullable=True),
    sa.Column('extended_youth_care', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_allocations_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'id', name=op.f('pk_allocations'))
    )
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocations_provider_id'), ['provider_id'], unique=False)

    op.create_table('decisions',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('created', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_decisions_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_decisions'))
    )
    op.create_table('life_area_results',
    sa.Column('plan_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('life_area', sa.String(), nullable=False),
    sa.Column('current_situation', sa.Text(), nullable=False),
    sa.Column('desired_result', sa.Text(), nullable=False),
    sa.Column('distance', sa.String(), nullable=True),
    sa.Column('member_ids', sa.Text(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('ladder', sa.Text(), nullable=False),
    sa.Column('score_before', sa.Integer(), nullable=True),
    sa.Column('score_after', sa.Integer(), nullable=True),
    sa.Column('reached', sa.String(), nullable=True),
    sa.Column('reached_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_life_area_results_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', 'id', name=op.f('pk_life_area_results'))
    )


def downgrade() -> None:
    op.drop_table('life_area_results')
    op.drop_table('decisions')
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocations_provider_id'))

    op.drop_table('allocations')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index('uq_plans_one_decided', sqlite_where=sa.text("status = 'vastgesteld'"), postgresql_where=sa.text("status = 'vastgesteld'"))
        batch_op.drop_index('uq_plans_one_concept', sqlite_where=sa.text("status = 'concept'"), postgresql_where=sa.text("status = 'concept'"))
        batch_op.drop_index(batch_op.f('ix_plans_household_id'))

    op.drop_table('plans')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_surname'))
        batch_op.drop_index(batch_op.f('ix_members_household_id'))
        batch_op.drop_index(batch_op.f('ix_members_bsn'))

    op.drop_table('members')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contracts_provider_id'))
        batch_op.drop_index(batch_op.f('ix_contracts_product_code_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_contracts_municipality_code'))

    op.drop_table('contracts')
    op.drop_table('settings')
    op.drop_table('segments')
    op.drop_table('providers')
    op.drop_table('products')
    op.drop_table('municipalities')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_postcode_key'))
        batch_op.drop_index(batch_op.f('ix_households_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_households_case_key'))

    op.drop_table('households')
    op.drop_table('closed_groups')
