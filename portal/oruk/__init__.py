"""Taking in other directories' Open Referral UK 3.0 feeds and files, and exporting ours.

Every import is checked first (a dry run whose report is kept), then applied all at once by an
administrator or, for a feed set to, automatically after a clean dry run. Imported listings
remember where they came from (`models.SourceRecord`).
"""
