"""The header's links: what the person looking at the page can go to next."""

from __future__ import annotations

from flask import Flask, g, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.access import (
    can_refer,
    is_admin,
    is_connector,
    is_directory_team,
    is_group_member,
    reads_insights,
    reads_reports,
)
from portal.accounts.memberships import organisation_ids
from portal.directory.models import Service
from portal.extensions import db


def nav_items() -> list[dict]:
    if g.get("database_unavailable"):  # who is signed in is in the database: no menu then
        return []
    if not current_user.is_authenticated:
        return [
            {"href": url_for("search.results"), "text": "Search"},
            {"href": url_for("community_maps.index"), "text": "Community maps"},
            {"href": url_for("shortlists.mine"), "text": "Your shortlist"},
            {"href": url_for("accounts.sign_up"), "text": "List your group"},
            {"href": url_for("accounts.sign_in"), "text": "Sign in"},
        ]
    user = current_user
    items = []
    if can_refer(user):  # where their work starts, after sign-in
        items.append({"href": url_for("search.results"), "text": "Search"})
    if is_connector(user):
        items += [
            {"href": url_for("connect.dashboard"), "text": "Community mapping"},
            {"href": url_for("referrals.caseload"), "text": "Caseload"},
        ]
    if is_group_member(user):
        items.append({"href": url_for("groups.dashboard"), "text": "Your listings"})
    if can_refer(user) or (is_group_member(user) and _receives_referrals(user)):
        items.append({"href": url_for("referrals.index"), "text": "Referrals"})
    if can_refer(user):
        items.append({"href": url_for("shortlists.index"), "text": "Shortlists"})
    if is_directory_team(user):
        items += [
            {"href": url_for("moderation.queue"), "text": "Review queue"},
            {"href": url_for("moderation.listings"), "text": "Listings"},
        ]
    if is_admin(user):
        items.append({"href": url_for("admin.users"), "text": "People"})
        items.append({"href": url_for("admin.vocabularies"), "text": "Vocabularies"})
        items.append({"href": url_for("safety.index"), "text": "Safety"})
        items.append({"href": url_for("oruk.index"), "text": "Other directories"})
    if reads_insights(user):
        items.append({"href": url_for("insights.overview"), "text": "Insights"})
    if reads_reports(user):
        items.append({"href": url_for("outcomes.referrals_report"), "text": "Reports"})
    items.append({"href": url_for("accounts.account"), "text": "Your account"})
    for item in items:
        item["current"] = request.path == item["href"] or (
            item["href"] != "/" and request.path.startswith(item["href"] + "/")
        )
    return items


def _receives_referrals(user) -> bool:
    """A group member whose organisation takes referrals gets a "Referrals" link."""
    ids = organisation_ids(user)
    if not ids:
        return False
    found = db.session.scalar(
        select(Service.id)
        .where(Service.organisation_id.in_(ids), Service.accepts_referrals.is_(True))
        .limit(1)
    )
    return found is not None


def register_navigation(app: Flask) -> None:
    @app.context_processor
    def navigation() -> dict:
        return {"nav_items": nav_items()}
