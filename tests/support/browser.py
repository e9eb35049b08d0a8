"""Signing in with Playwright, for the browser tests (tests/e2e)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from seed.loader import DEMO_PASSWORD


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in and send the sign-in form as a person would; where it leads is the caller's
    to check (a second factor, the person's start page, or an error)."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def signed_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in, then wait until the form has let the person past it (no second factor)."""
    sign_in(page, email, password)
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
