"""Keeping people safe: the panel of helplines shown for searches about danger or crisis, and
the "Leave this site" quick exit on searches and listings about sensitive needs. Administrators
keep the words, the helplines, the panel's text, the exit's target and the sensitive needs at
`/admin/safety`; with nothing saved, the defaults in `defaults.py` apply."""
