"""The administrators' area: people with accounts and the vocabularies (blueprint "admin").

It composes accounts (people, roles, second factor) with the vocabularies moderation keeps;
nothing imports this package but the app factory.
"""
