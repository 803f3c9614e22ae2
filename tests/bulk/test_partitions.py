"""How a bulk job splits its articles, and its resolution blocks, into partitions (no Spark needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.bulk.resolve import pack_blocks
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


@given(st.dictionaries(st.integers(0, 10**6), st.integers(1, 5000), max_size=300), st.integers(1, 16))
def test_blocks_packed_largest_first_into_near_equal_bins(sizes: dict[int, int], bins: int) -> None:
    packed = pack_blocks(sizes, bins)
    assert set(packed) == set(sizes) and all(0 <= b < bins for b in packed.values())
    loads = [sum(s for k, s in sizes.items() if packed[k] == b) for b in range(bins)]
    if sizes:
        # greedy list scheduling: no bin exceeds an equal share by more than one block
        assert max(loads) <= sum(sizes.values()) / bins + max(sizes.values())
        assert packed[min(sizes, key=lambda k: (-sizes[k], k))] == 0  # the largest block runs first
    assert pack_blocks(dict(reversed(list(sizes.items()))), bins) == packed  # input order changes nothing


def test_one_large_block_gets_a_bin_and_the_small_ones_share_the_rest() -> None:
    packed = pack_blocks({7: 100, 1: 30, 2: 30, 3: 30, 4: 10}, 2)
    assert packed[7] == 0 and {packed[k] for k in (1, 2, 3, 4)} == {1}
