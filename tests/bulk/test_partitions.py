"""How many partitions a bulk job splits its articles into (no Spark needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.bulk.run import PARTITION_ARTICLES, PARTITIONS_PER_SLOT, partition_count


def test_small_inputs_get_several_partitions_per_slot_so_slots_finish_together() -> None:
    assert partition_count(950, 1) == PARTITIONS_PER_SLOT
    assert partition_count(950, 2) == 2 * PARTITIONS_PER_SLOT
    assert partition_count(3, 2) == 3  # never an empty partition by design
    assert partition_count(0, 2) == 1


def test_large_inputs_are_bounded_by_articles_per_partition() -> None:
    assert partition_count(1_000_000, 2) == -(-1_000_000 // PARTITION_ARTICLES)


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=512))
def test_partition_count_bounds(articles: int, slots: int) -> None:
    n = partition_count(articles, slots)
    assert 1 <= n <= max(articles, 1)
    if articles:
        assert -(-articles // n) <= PARTITION_ARTICLES or n == articles  # one transaction stays bounded
        assert n >= min(articles, PARTITIONS_PER_SLOT * max(slots, 1))
