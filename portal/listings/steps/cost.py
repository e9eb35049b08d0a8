"""The "cost and joining" step: what it costs (several options, in pounds), and how to join."""

from __future__ import annotations

import re

from portal.directory.models import HowToJoin
from portal.listings.data import (
    COST_LABEL,
)
from portal.listings.steps.rows import MAX_SHORT, Parsed, edit_rows, rows_of, too_long
from portal.text import MAX_TEXT, plain

COST_KEYS = ("label", "amount", "notes")


BLANK_COST = dict.fromkeys(COST_KEYS, "")


def _pounds(text: str | None) -> str:
    """An amount as typed, without the pound sign."""
    return (text or "").strip().lstrip("£").strip()


def _amount_problem(amount: str, zero: str) -> str | None:
    """What is wrong with an amount in pounds, if anything (`zero`: what to say about 0)."""
    if not re.match(r"^\d{1,4}(\.\d{1,2})?$", amount):
        return "Enter the cost in pounds, like 3 or 2.50"
    return zero if float(amount) <= 0 else None


def parse_cost(form, data: dict) -> Parsed:
    """The cost (free, or the main cost and any further ones) and how people join."""
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    c["free"] = {"yes": True, "no": False}.get(form.get("free") or "")
    c["cost_label"] = plain(form.get("cost_label"), MAX_SHORT) or COST_LABEL
    c["cost_amount"] = _pounds(form.get("cost_amount"))
    c["cost_notes"] = plain(form.get("cost_notes"), MAX_SHORT)
    rows, arranged = edit_rows(form, rows_of(form, "costs", COST_KEYS), BLANK_COST)
    c["more_costs"] = [_cost_row(row) for row in rows]
    joining = _parse_joining(form)
    c.update(joining.changes)
    if arranged:  # rows are being arranged: nothing is wrong yet
        parsed.again = True
        return parsed
    if c["free"] is None:
        p["free"] = "Say whether it costs anything"
    elif not c["free"]:
        too_long(p, "cost_label", c["cost_label"], MAX_SHORT, "What the cost is for")
        problem = _amount_problem(c["cost_amount"], "Enter the cost, or choose ‘It is free’")
        if problem:
            p["cost_amount"] = problem
        c["more_costs"] = [row for row in c["more_costs"] if any(row.values())]
        for n, row in enumerate(c["more_costs"]):
            _check_cost(row, f"costs-{n}-", p)
    else:
        c["cost_amount"], c["more_costs"] = "", []  # free: there are no costs
    p.update(joining.problems)  # after the costs', in the order the page shows them
    return parsed


def _parse_joining(form) -> Parsed:
    """How people join, and how to book or be referred."""
    parsed = Parsed()
    c, p = parsed.changes, parsed.problems
    joining = form.get("how_to_join")
    c["how_to_join"] = joining if joining in {h.value for h in HowToJoin} else ""
    c["join_details"] = plain(form.get("join_details"), MAX_TEXT)
    if not c["how_to_join"]:
        p["how_to_join"] = "Choose how people join"
    elif c["how_to_join"] != HowToJoin.TURN_UP.value and not c["join_details"]:
        p["join_details"] = "Say how to book or who can refer people"
    return parsed


def _cost_row(row: dict) -> dict:
    return {
        "label": plain(row["label"], MAX_SHORT),
        "amount": _pounds(row["amount"]),
        "notes": plain(row["notes"], MAX_SHORT),
    }


def _check_cost(cost: dict, name: str, problems: dict) -> None:
    """A further cost needs what it is for and an amount, like the main cost."""
    if not cost["label"]:
        problems[name + "label"] = "Say what this cost is for, like ‘Annual membership’"
    too_long(problems, name + "label", cost["label"], MAX_SHORT, "What the cost is for")
    if not cost["amount"]:
        problems[name + "amount"] = "Enter the cost in pounds, or remove this cost"
    else:
        problem = _amount_problem(cost["amount"], "Enter the cost, or remove this cost")
        if problem:
            problems[name + "amount"] = problem
    too_long(problems, name + "notes", cost["notes"], MAX_SHORT, "Anything else about cost")
