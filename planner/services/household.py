"""Operations on the open household: its members."""

from __future__ import annotations

from planner import text_limits
from planner.model import Household, Member
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit, Insert, Remove


def add_member(household: Household, member: Member, text: str = "Gezinslid toevoegen") -> Edit:
    text_limits.check_record(member)
    return Edit(
        text,
        (Insert(household.members, member, len(household.members)),),
        Changes.of(Kind.MEMBERS, member.id),
    )


def remove_member(household: Household, member_id: str, text: str = "Gezinslid verwijderen") -> Edit:
    member = household.member(member_id)
    return Edit(text, (Remove.of(household.members, member),), Changes.of(Kind.MEMBERS, member_id))
