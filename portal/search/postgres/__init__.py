"""The PostgreSQL search backend: full text in the same database, written in the listing's
own transaction, so several app servers on one database all see every change on their next
request, with nothing to rebuild, repair or lock.

- `models`: `search_listings` (one row per public listing: a weighted tsvector, needs and
  audiences, map cells, the filters' columns, schedules, `content_version`), its positions,
  and the words spelling suggestions pick from; `pg_trgm` and `unaccent` are the only
  extensions (contrib modules that managed services offer).
- `writing`: the rows, written before each commit for every service the transaction touched
  (`portal.directory.versioning` notes them), and by `sync`, `rebuild` and `repair` in
  transactions of their own, holding each listing's row so the later change wins.
- `matching` and `rarity`: a search's words as tsqueries and a score mirroring the embedded
  engine (field weights, phrases, any word, the thesaurus's needs, idf).
- `ranking` and `cells`: filters, place (map cells intersected in the indexes, then exact
  distance), the page's order, and which matches have their words scored.
- `spelling`: "Did you mean" from the listings' own words.
- `backend`: `PostgresBackend`, what `portal.search.backend.SearchBackend` asks.
"""
