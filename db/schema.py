"""The tables, as SQLAlchemy Core definitions (no ORM: planner classes stay plain dataclasses).

Structured parts of a record that are never queried on their own (goals, the ladder, hours
lines, continuity, expertise tags) are JSON text columns. Money is TEXT holding a Decimal, so
no cent is lost to floating point. The migration in `db/migrations/versions` creates exactly
this schema; a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- catalogue -------------------------------------------------------------------------------

municipalities = Table(
    "municipalities",
    metadata,
    Column("code", String, primary_key=True),
    Column("name", String, nullable=False),
)

segments = Table(
    "segments",
    metadata,
    Column("code", String, primary_key=True),
    Column("name", String, nullable=False),
)

products = Table(
    "products",
    metadata,
    Column("code", String, primary_key=True),
    Column("category", String, nullable=False),
    Column("name", String, nullable=False),
    Column("segment", String, nullable=False),
    Column("laws", Text, nullable=False),  # JSON list of Law values
    Column("unit", String, nullable=False),
    Column("frequencies", Text, nullable=False),  # JSON list of Frequency values, in order
    Column("tariff", String, nullable=False),  # Decimal as text
    Column("tariff_year", Integer, nullable=False),
    Column("max_months", Integer, nullable=False),
    Column("volume_min", Integer, nullable=False),
    Column("volume_max", Integer),
    Column("bandwidth", Boolean, nullable=False),
    Column("adult_product", String),  # youth product: the Wmo product that continues it at 18
)

providers = Table(
    "providers",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("agb", String, nullable=False),
    Column("municipality_code", String, nullable=False),
    Column("size", String, nullable=False),
    Column("self_employed", Boolean, nullable=False),
    Column("expertise", Text, nullable=False),  # JSON list
    Column("waiting_weeks", Text, nullable=False),  # JSON object product code -> weeks
    Column("accepts_pgb", Boolean, nullable=False),
)

contracts = Table(
    "contracts",
    metadata,
    Column("id", String, primary_key=True),
    Column("position", Integer, nullable=False),  # keeps the catalogue file's order
    Column("provider_id", String, ForeignKey("providers.id", ondelete="CASCADE"), nullable=False),
    Column("municipality_code", String, nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date),
    Column("product_code", String),
    Column("cell_life_area", String),  # coordination contract: (life area, distance)
    Column("cell_distance", String),
    Index(None, "provider_id"),
    Index(None, "product_code", "municipality_code"),
    Index(None, "municipality_code"),
)

closed_groups = Table(
    "closed_groups",
    metadata,
    Column("municipality_code", String, primary_key=True),
    Column("segment", String, primary_key=True),
)

# --- households ------------------------------------------------------------------------------

households = Table(
    "households",
    metadata,
    Column("id", String, primary_key=True),  # UUID text, stable across export/import
    Column("case_number", String, nullable=False, unique=True),
    Column("municipality_code", String, nullable=False),
    Column("street", String, nullable=False),
    Column("house_number", String, nullable=False),
    Column("postcode", String, nullable=False),
    Column("city", String, nullable=False),
    Column("safety_signal", Boolean, nullable=False),
    Column("safety_note", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    # Derived on every save, for fast lists and search (never read back into the model).
    Column("display_name", String, nullable=False),
    Column("member_names", Text, nullable=False),  # JSON list of full names, in member order
    Column("case_key", String, nullable=False),  # case number casefolded, no spaces
    Column("postcode_key", String, nullable=False),  # postcode casefolded, no spaces
    # Set by archiving (planner.services.household_records), never by a save: an archived household
    # is kept for the retention period but left out of search and lists by default (migration 0005).
    Column("archived_on", Date, nullable=True),
    # The plan status it is listed with (db/plan_status.py), refreshed by every write to plans; indexed
    # in name order so a search filtered on a rare status walks only those (migration 0012).
    Column("plan_status", String, nullable=True),
    Index(None, "case_key"),
    Index(None, "postcode_key"),
    Index(None, "display_name", "case_number"),  # a broad search walks this order (migration 0006)
    Index(None, "municipality_code"),
    Index(None, "plan_status", "display_name", "case_number"),
)

# Every word of every member's name (casefolded, accents removed), so a typed word is found by an
# index range scan instead of a LIKE over all households (search within a frame at 20,000).
household_words = Table(
    "household_words",
    metadata,
    Column("word", String, primary_key=True),
    Column("household_id", String, ForeignKey("households.id", ondelete="CASCADE"), primary_key=True),
    # The forgiving key of the word (db.search.sound), for the tolerant search after the exact one.
    Column("sound", String, nullable=False, server_default=""),
    # With the word: a search's probe per household reads the index alone (migration 0014).
    Index(None, "household_id", "word"),
    Index(None, "sound", "household_id"),
    sqlite_with_rowid=False,
)

# The first letters (one to three) of every name word, with the household's sort keys, so a short
# typed word — which matches a large part of all households — reads its first 50 in name order
# straight off this primary key instead of sorting every match (migration 0009). No foreign key
# and no index on household_id (each would double the table): rows are written and deleted by
# their full key from the stored words (db.repositories), and a search confirms every candidate
# against household_words, so a stale row could only cost a probe.
household_prefixes = Table(
    "household_prefixes",
    metadata,
    Column("prefix", String, primary_key=True),
    Column("display_name", String, primary_key=True),
    Column("case_number", String, primary_key=True),
    Column("household_id", String, primary_key=True),
    sqlite_with_rowid=False,
)

members = Table(
    "members",
    metadata,
    Column("id", String, primary_key=True),
    Column("household_id", String, ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("bsn", String),
    Column("given_names", String, nullable=False),
    Column("initials", String, nullable=False),
    Column("surname_prefix", String, nullable=False),
    Column("surname", String, nullable=False),
    Column("birth_date", Date),
    Column("role", String, nullable=False),
    Column("salutation", String, nullable=False),
    Column("receives_letters", Boolean, nullable=False),
    Column("own_provider_id", String),
    Column("moved_out_on", Date),
    # Each record has its own revision, so two windows editing different members both keep theirs.
    Column("revision", Integer, nullable=False, server_default="1"),
    Index(None, "household_id"),
    Index(None, "bsn"),
    Index(None, "surname"),
)

# --- plans -----------------------------------------------------------------------------------

plans = Table(
    "plans",
    metadata,
    Column("id", String, primary_key=True),
    Column("household_id", String, ForeignKey("households.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String, nullable=False),
    Column("previous_plan_id", String),
    Column("report_date", Date),
    Column("application_date", Date),
    Column("conversation_date", Date),
    Column("participants", Text, nullable=False),
    Column("client_support_offered", Boolean, nullable=False),
    Column("client_support_present", Boolean, nullable=False),
    Column("own_plan_submitted", Boolean, nullable=False),
    Column("start", Date),
    Column("months", Integer, nullable=False),
    Column("coordinator_kind", String),  # NULL = no coordinator chosen yet
    Column("coordinator_provider_id", String),
    Column("safety_assessment", Text, nullable=False),
    Column("decided_on", Date),
    Column("revision", Integer, nullable=False),
    # When the plan was last saved (UTC), set by every save, never read into the model: the
    # caseload's "concept not touched for two weeks" (migration 0009). NULL before 0009.
    Column("changed_on", DateTime, nullable=True),
    Index(None, "household_id"),
    # At most one concept and at most one decided plan per household: during a re-assessment
    # the decided plan stays in force while its successor is drafted.
    Index(
        "uq_plans_one_concept",
        "household_id",
        unique=True,
        sqlite_where=text("status = 'concept'"),  # PostgreSQL's the same, set by db/postgres.py
    ),
    Index(
        "uq_plans_one_decided",
        "household_id",
        unique=True,
        sqlite_where=text("status = 'vastgesteld'"),  # PostgreSQL's the same, set by db/postgres.py
    ),
)

life_area_results = Table(
    "life_area_results",
    metadata,
    # Keyed within the plan: a re-assessment may copy children with their ids into a new plan.
    Column("plan_id", String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("life_area", String, nullable=False),
    Column("current_situation", Text, nullable=False),
    Column("desired_result", Text, nullable=False),
    Column("distance", String),
    Column("member_ids", Text, nullable=False),  # JSON list
    Column("goals", Text, nullable=False),  # JSON list of goal objects
    Column("ladder", Text, nullable=False),  # JSON object rung -> text, in ladder order
    Column("score_before", Integer),
    Column("score_after", Integer),
    Column("reached", String),
    Column("reached_reason", Text, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),  # goals and ladder included
    # The regional monitor reads a plan's areas from this index alone (migration 0014).
    Index(None, "plan_id", "life_area", "distance", "reached"),
)

allocations = Table(
    "allocations",
    metadata,
    Column("plan_id", String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("member_id", String, nullable=False),
    Column("product_code", String, nullable=False),
    Column("form", String, nullable=False),
    Column("provider_id", String),
    Column("volume", Integer, nullable=False),
    Column("volume_max", Integer),
    Column("unit", String, nullable=False),
    Column("frequency", String, nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("law", String),
    Column("life_area", String),
    Column("goal_id", String),
    Column("hours_lines", Text, nullable=False),  # JSON list of line objects
    Column("continuity", Text),  # JSON object or NULL
    Column("pgb_budget", String),  # Decimal as text
    Column("extended_youth_care", Boolean, nullable=False),
    Column("extended_youth_care_reason", Text, nullable=False, server_default=""),
    Column("revision", Integer, nullable=False, server_default="1"),  # hours lines included
    # Request and outcome (migration 0008): what was asked, and toegekend / gedeeltelijk / afgewezen.
    Column("outcome", String, nullable=False, server_default="toegekend"),
    Column("requested_volume", Integer),
    Column("requested_start", Date),
    Column("requested_end", Date),
    Column("request_text", Text, nullable=False, server_default=""),
    Column("motivation", Text, nullable=False, server_default=""),
    Index(None, "provider_id"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("plan_id", String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("snapshot", Text, nullable=False),  # JSON document of what was decided
    Column("created", String, nullable=False),  # ISO timestamp, UTC
)

# The PDF files of a decision as sent (rendered in invariant mode at deciding), with their SHA-256:
# a reprint returns these bytes, never a new rendering. Written once with the decision.
decision_documents = Table(
    "decision_documents",
    metadata,
    Column("plan_id", String, ForeignKey("decisions.plan_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  # the letters in order, then the plan document
    Column("kind", String, nullable=False),  # "letter" | "plan"
    Column("title", Text, nullable=False),
    Column("filename", String, nullable=False),
    Column("sha256", String, nullable=False),  # hex digest of pdf
    Column("pdf", LargeBinary, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

CATALOGUE_TABLES = (contracts, closed_groups, providers, products, segments, municipalities)

# --- sync by exported files (migration 0010, domain.md §7) -----------------------------------

# Who changed each record last, on which device, and the version made elsewhere it was built on:
# a record's version is named by (revision, device). Added after the tables so their blocks stay
# as they are.
EXCHANGED_RECORDS = (households, members, plans, life_area_results, allocations)
STAMP_COLUMNS = ("changed_by", "changed_device", "base_revision", "base_device", "lineage")
for _table in EXCHANGED_RECORDS:
    _table.append_column(Column("changed_by", String, nullable=False, server_default=""))
    _table.append_column(Column("changed_device", String, nullable=False, server_default=""))
    _table.append_column(Column("base_revision", Integer, nullable=False, server_default="0"))
    _table.append_column(Column("base_device", String, nullable=False, server_default=""))
    # Per device, its latest version among this one's ancestors (JSON {device: revision}).
    _table.append_column(Column("lineage", Text, nullable=False, server_default="{}"))
    # The record's content (fields and stamp, as the exchange reads it) hashed: an import takes a
    # stored record whose digest is its file record's as unchanged without reading it (migration
    # 0015, db/exchange.py `row_digest`). Written with the record; NULL: not known (compared whole).
    _table.append_column(Column("digest", LargeBinary))
# The digests of a plan's life-area results and allocations hashed together (migration 0016,
# planner/exchange/records.py `children_digest`): an import takes the results and allocations of
# a stored plan as its file has them without reading them. Written by every write of the plan's
# children that knows them all; NULL: not known (they are read).
plans.append_column(Column("children_digest", LargeBinary))
decisions.append_column(Column("changed_by", String, nullable=False, server_default=""))
decisions.append_column(Column("changed_device", String, nullable=False, server_default=""))

# A record changed both here and in an imported file, kept for a person to resolve (the file's
# version whole, and what was here then); one row per incoming version, so importing the same file
# again adds nothing.
exchange_conflicts = Table(
    "exchange_conflicts",
    metadata,
    Column("id", String, primary_key=True),
    Column("household_id", String, nullable=False),
    Column("record_kind", String, nullable=False),
    Column("record_id", String, nullable=False),
    Column("parent_id", String, nullable=False),
    Column("here", Text),  # JSON exchange record as it was here, NULL: not here
    Column("incoming", Text, nullable=False),  # JSON exchange record from the file
    Column("incoming_revision", Integer, nullable=False),
    Column("incoming_device", String, nullable=False),
    Column("sender", String, nullable=False),  # the signer's name from the trusted list
    Column("created", String, nullable=False),  # ISO timestamp, UTC
    Column("resolved", String),  # ISO timestamp, UTC; NULL: still open
    UniqueConstraint(
        "record_kind",
        "record_id",
        "parent_id",
        "incoming_revision",
        "incoming_device",
        name="uq_exchange_conflicts_version",
    ),
    Index(None, "household_id"),
)

# Per recipient and household: the fingerprint of the versions last exported, for --since-last.
exchange_sent = Table(
    "exchange_sent",
    metadata,
    Column("recipient", String, primary_key=True),
    Column("household_id", String, primary_key=True),
    Column("fingerprint", String, nullable=False),
)
