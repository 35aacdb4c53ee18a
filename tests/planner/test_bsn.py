import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from planner.bsn import bsn_problem, check_digit, clean_bsn, is_valid_bsn, mask_bsn, uncached_bsn_problem

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


@st.composite
def valid_bsns(draw: st.DrawFn) -> str:
    """Eight random digits and the check digit that makes the elfproef pass."""
    head = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(w * d for w, d in zip(WEIGHTS, head, strict=False)) % 11
    assume(check <= 9 and (any(head) or check))  # 10 would need two digits; 000000000 is no BSN
    return "".join(map(str, head)) + str(check)


def test_examples_from_the_test_range() -> None:
    assert is_valid_bsn("999900006")
    assert is_valid_bsn("999999990")
    assert is_valid_bsn("9999 00 006")  # spaces people type are ignored
    assert not is_valid_bsn("999900007")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("99990000")
    assert not is_valid_bsn("9999000060")
    assert not is_valid_bsn("99990000a")
    assert not is_valid_bsn("99990000²")  # unicode digits are not BSN digits


def test_problem_messages_in_dutch() -> None:
    assert bsn_problem("") is None
    assert bsn_problem("999900006") is None
    assert bsn_problem("99990000") == "Een BSN heeft 9 cijfers; u typte er 8."
    assert bsn_problem("1") == "Een BSN heeft 9 cijfers; u typte er 1."
    assert bsn_problem("999900007") == "Dit BSN klopt niet (elfproef). Controleer de cijfers."
    assert bsn_problem("000000000") == "Dit BSN klopt niet (elfproef). Controleer de cijfers."
    assert bsn_problem("9999x0006") == "Een BSN bestaat alleen uit cijfers."


def test_mask_and_clean() -> None:
    assert mask_bsn("999900006") == "******006"
    assert mask_bsn("12") == "**"
    assert clean_bsn(" 9999.00.006 ") == "999900006"


@given(valid_bsns())
def test_generated_numbers_are_valid(bsn: str) -> None:
    assert is_valid_bsn(bsn)
    assert bsn_problem(bsn) is None


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_any_single_changed_digit_is_invalid(bsn: str, position: int, shift: int) -> None:
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + shift) % 10)
    changed = "".join(digits)
    assert not is_valid_bsn(changed)
    assert bsn_problem(changed) == "Dit BSN klopt niet (elfproef). Controleer de cijfers."


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_check_digit_completes_the_elfproef_exactly_when_a_digit_can(head: list[int]) -> None:
    first_eight = "".join(map(str, head))
    digit = check_digit(first_eight)
    completions = [d for d in range(10) if is_valid_bsn(f"{first_eight}{d}")]
    assert completions == ([] if digit is None else [digit])


def test_check_digit_wants_eight_digits() -> None:
    for wrong in ("9999000", "999900000", "9999000a", "9999000²"):
        with pytest.raises(ValueError):
            check_digit(wrong)


@given(st.one_of(valid_bsns(), st.text("0123456789 .-\u00a0x\u0663", max_size=12)))
def test_the_uncached_check_says_what_the_cached_one_says(text: str) -> None:
    """The rules (every member at `check`) use the uncached check; typing uses the cached one."""
    assert uncached_bsn_problem(text) == bsn_problem(text)
    assert (uncached_bsn_problem(text) is None and bool(clean_bsn(text))) == is_valid_bsn(text)
