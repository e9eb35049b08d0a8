"""The embedded search backend: a Whoosh index in files under the instance folder."""
