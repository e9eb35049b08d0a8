"""The PostgreSQL search backend: full text in the same database, written in the listing's
own transaction."""
