"""The pages residents see: search, and a listing or organisation with what surrounds it.

They compose features that do not know each other: the directory's listings, search, the
safety panel and quick exit, "report a problem" (moderation) and where a listing came from
(other directories). Nothing imports this package but the app factory.

search_views.py   the home and search pages (blueprint "search")
listing_views.py  a listing, an organisation, calendars, report a problem ("directory")
"""
