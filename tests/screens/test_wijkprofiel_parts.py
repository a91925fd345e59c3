"""The parts rule on the Wijkprofiel (docs/DESIGN.md §7): an area whose counts the gemeente's
maps and tables hide beside a small count of another area hides them on its own profile
too, or collecting every other profile would give the small count back through the
gemeente's total. Worked by hand on small frames."""

from __future__ import annotations

import pandas as pd

from dashboard.screens import wijkprofiel as wp


def _areas(**extra: list) -> pd.DataFrame:
    # A: 3 deelnames, 2 residents reached, 1 new (all "<5"); B: 13, 6 and 7 new of 9 people;
    # C: nothing
    data = {
        "gebiedscode": ["A", "B", "C"],
        "deelnames": [3, 13, 0],
        "bereikte_inwoners": [2, 6, 0],
        "nieuw": [1, 7, 0],
        "unieke_deelnemers": [2, 9, 0],
    }
    for column, values in extra.items():
        data[column] = values
    return pd.DataFrame(data)


def test_the_only_other_area_hides_its_counts_beside_a_small_one():
    # the gemeente's 16 deelnames minus B's 13 give A's 3: B's deelnames, residents reached
    # (so its rate) and new participants (8 in all minus 7) are hidden; A's own are "<5"
    assert wp.hidden_counts(_areas(), "B") == {"deelnames", "bereikte_inwoners", "nieuw"}
    assert wp.hidden_counts(_areas(), "A") == frozenset()  # small ones read "<5" already
    assert wp.hidden_counts(_areas(), "C") == frozenset()
    assert wp.hidden_counts(_areas(), "X") == frozenset()  # not among the areas


def test_a_smaller_third_area_is_hidden_instead():
    four = pd.concat(
        [
            _areas(),
            pd.DataFrame(
                {
                    "gebiedscode": ["D"],
                    "deelnames": [8],
                    "bereikte_inwoners": [5],
                    "nieuw": [6],
                    "unieke_deelnemers": [20],
                }
            ),
        ],
        ignore_index=True,
    )
    # D's 8 deelnames and 5 residents are the smallest beside A's: D hides them, B shows its
    # own. New participants: B's 7 of 9 give 2 back in its own row, so B hides them anyway,
    # and with A's 1 that is 8 hidden: D's 6 new can stay
    assert wp.hidden_counts(four, "D") == {"deelnames", "bereikte_inwoners"}
    assert wp.hidden_counts(four, "B") == {"nieuw"}


def test_types_of_a_hidden_total_do_not_add_up_to_it():
    types = pd.DataFrame({"type": ["buurtcafé", "taalcafé"], "deelnames": [20, 10]})
    marked = wp._types_not_adding_up(types)
    # 20 + 10 would give the area's hidden 30 back: the smaller type is hidden too
    assert marked[wp.TYPES_HIDDEN].tolist() == [False, True]
    small = pd.DataFrame({"type": ["buurtcafé", "taalcafé"], "deelnames": [20, 3]})
    # a small type already hides the other beside it (the parts rule): nothing to add
    assert wp.TYPES_HIDDEN not in wp._types_not_adding_up(small)


def test_ranked_rates_leave_out_a_rate_hidden_beside_a_small_one():
    reach = _areas(
        naam=["A", "B", "C"],
        bijeenkomsten=[1, 3, 0],
        bereik_per_1000=[2.0, 6.0, 0.0],
        heeft_deelnemersgegevens=[True, True, True],
    )
    ranked = wp._rank_values(reach).set_index("gebiedscode")
    assert ranked.loc["A", "tekst"] == "<5 bewoners"
    assert pd.isna(ranked.loc["B", "waarde"]) and ranked.loc["B", "tekst"] == (
        "verborgen (kleine aantallen)"
    )
