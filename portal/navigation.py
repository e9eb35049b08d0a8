"""The header's links: what the person looking at the page can go to next."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_login import current_user

from portal.accounts.models import Role


def nav_items() -> list[dict]:
    if not current_user.is_authenticated:
        return [
            {"href": url_for("search.results"), "text": "Search"},
            {"href": url_for("community_maps.index"), "text": "Community maps"},
            {"href": url_for("accounts.sign_up"), "text": "List your group"},
            {"href": url_for("accounts.sign_in"), "text": "Sign in"},
        ]
    items = []
    if current_user.role is Role.CONNECTOR:
        items.append({"href": url_for("connect.dashboard"), "text": "Community mapping"})
    if current_user.role is Role.GROUP_MEMBER:
        items.append({"href": url_for("groups.dashboard"), "text": "Your listings"})
    if current_user.role in (Role.ADMIN, Role.EDITOR):
        items += [
            {"href": url_for("moderation.queue"), "text": "Review queue"},
            {"href": url_for("moderation.listings"), "text": "Listings"},
        ]
    if current_user.role is Role.ADMIN:
        items.append({"href": url_for("admin.users"), "text": "People"})
        items.append({"href": url_for("admin.vocabularies"), "text": "Vocabularies"})
    items.append({"href": url_for("accounts.account"), "text": "Your account"})
    for item in items:
        item["current"] = request.path == item["href"] or (
            item["href"] != "/" and request.path.startswith(item["href"] + "/")
        )
    return items


def register_navigation(app: Flask) -> None:
    @app.context_processor
    def navigation() -> dict:
        return {"nav_items": nav_items()}
