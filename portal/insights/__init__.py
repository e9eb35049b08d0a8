"""Unmet need: where people look and find nothing, what they wish for, referrals that found
nothing suitable, listings within reach of each area against what was asked there, and how
fresh the directory is. Counts come from daily roll-ups (`portal.insights.rollup`, run by the
jobs command) and SQL aggregates; every figure is suppressed the same way on the page and in
its CSV (`portal.suppression`).
"""
