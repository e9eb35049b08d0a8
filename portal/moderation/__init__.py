"""Moderation: review queue, decisions, claims, problem reports, freshness, audit trail."""
