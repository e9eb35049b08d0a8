"""Small numbers never show, and cannot be worked out from what does."""

from portal.suppression import cell, group_small, rule_text, suppress_group, suppress_table


def _texts(cells):
    return [c.text for c in cells]


def test_small_counts_show_as_fewer_than_five_and_nought_and_five_show():
    assert _texts(suppress_group([0, 5, 12, 30], 5)) == ["0", "5", "12", "30"]
    assert cell(4, 5).text == "fewer than 5"
    assert cell(1, 5).shown is None
    assert cell(5, 5).text == "5"


def test_one_hidden_count_in_a_row_hides_the_next_smallest_too():
    cells = suppress_group([3, 20, 8, 40], 5)
    assert _texts(cells) == ["fewer than 5", "20", "hidden", "40"]
    # The total (71) minus what shows (60) leaves two hidden numbers, not one.
    assert sum(c.value for c in cells if c.hidden) == 11


def test_two_small_counts_need_no_second_hiding():
    assert _texts(suppress_group([3, 2, 8], 5)) == ["fewer than 5", "fewer than 5", "8"]


def test_hidden_counts_adding_up_to_less_than_five_hide_another():
    # 1 + 1 under a known total would give both away as 1.
    assert _texts(suppress_group([1, 1, 8, 30], 5)) == [
        "fewer than 5",
        "fewer than 5",
        "hidden",
        "30",
    ]


def test_a_row_of_one_small_count_and_noughts_hides_nothing_else():
    assert _texts(suppress_group([0, 3, 0], 5)) == ["0", "fewer than 5", "0"]


def test_table_hides_a_second_cell_in_rows_and_columns_until_none_can_be_worked_out():
    rows, columns = ["a", "b", "c"], ["x", "y"]
    counts = {
        ("a", "x"): 2,
        ("a", "y"): 10,
        ("b", "x"): 9,
        ("b", "y"): 12,
        ("c", "x"): 20,
        ("c", "y"): 30,
    }
    cells = suppress_table(rows, columns, counts, 5)
    hidden = {key for key, c in cells.items() if c.hidden}
    for line in [[(r, c) for c in columns] for r in rows] + [
        [(r, c) for r in rows] for c in columns
    ]:
        assert sum(key in hidden for key in line) != 1, line
    assert ("a", "x") in hidden and cells[("a", "x")].text == "fewer than 5"


def test_missing_cells_count_as_nought_and_are_shown():
    cells = suppress_table(["a"], ["x", "y"], {("a", "x"): 7}, 5)
    assert cells[("a", "y")].text == "0"


def test_small_groups_are_added_together_as_other():
    rows = group_small([("Bereavement", 12), ("Housing", 3), ("Money", 2), ("Carers", 9)], 5)
    assert [(label, c.text) for label, c in rows] == [
        ("Bereavement", "12"),
        ("Carers", "9"),
        ("Other (2 groups)", "5"),
    ]


def test_other_still_under_five_takes_in_the_next_smallest_group():
    rows = group_small([("Bereavement", 12), ("Housing", 3), ("Carers", 6)], 5)
    assert [(label, c.text) for label, c in rows] == [
        ("Bereavement", "12"),
        ("Other (2 groups)", "9"),
    ]


def test_a_whole_small_programme_is_one_hidden_row():
    rows = group_small([("Bereavement", 2), ("Housing", 1)], 5)
    assert [(label, c.text) for label, c in rows] == [("Other (2 groups)", "fewer than 5")]


def test_threshold_nought_shows_everything_and_says_so():
    assert _texts(suppress_group([1, 2], 0)) == ["1", "2"]
    assert "Every number is shown" in rule_text(0)
    assert "fewer than 5" in rule_text(5)


def test_five_hidden_counts_adding_up_to_five_are_all_one_so_more_is_hidden():
    cells = suppress_group([1, 1, 1, 1, 1, 9, 30], 5)
    assert cells[5].text == "hidden"  # now six hidden adding up to 14: each could be 1 to 4
    assert cells[6].text == "30"


def test_totals_row_cannot_give_away_the_columns_it_hides():
    from portal.suppression import suppress_with_totals

    rows, columns = ["carers", "bereavement", "lonely"], ["GU47", "SL4", "RG12", "RG40", "RG42"]
    counts = {
        ("carers", "GU47"): 8,
        ("bereavement", "SL4"): 6,
        ("lonely", "RG12"): 1,
        ("lonely", "RG40"): 1,
        ("lonely", "RG42"): 1,
    }
    table = suppress_with_totals(rows, columns, counts, 5)
    assert table.total.text == "17"
    shown = [t.value for t in table.column_totals.values() if not t.hidden]
    hidden = [t.value for t in table.column_totals.values() if t.hidden]
    # What the shown totals leave for the hidden ones must not pin each down to one value.
    assert len(hidden) > 1 and sum(hidden) - (len(hidden) - 1) >= 4
    assert sum(shown) + sum(hidden) == 17
