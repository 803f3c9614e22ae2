"""The name stack's ASCII folding reads text ICU's transliterator refuses as a run."""

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.names.ascii import ascii_fold
from threatgraph.names.surface import normalise_surface

#: A rare CJK ideograph followed by a Japanese iteration mark: ICU raises on the pair, not on either alone.
REFUSED_PAIR = "\U000267f4\u30fd"


def test_a_run_icu_refuses_is_folded_one_character_at_a_time() -> None:
    assert ascii_fold(REFUSED_PAIR) == ascii_fold(REFUSED_PAIR[0]) + ascii_fold(REFUSED_PAIR[1])
    assert ascii_fold("Abu " + REFUSED_PAIR).startswith("Abu ")


def test_normalising_a_name_with_a_refused_run_does_not_raise() -> None:
    once = normalise_surface("Kato " + REFUSED_PAIR)
    assert normalise_surface(once) == once


@given(st.text(max_size=12))
def test_folding_any_text_gives_ascii(text: str) -> None:
    assert ascii_fold(text).isascii()
