"""The throughput anchor: a Flask hello-world page rendering a 20-item list from a template.

Served by `bench.throughput` under the same gunicorn and wrk settings as the portal's pages,
in the same run, so the portal's pages a second can be given as a ratio of it (the machine's
speed and load cancel out). Not part of the portal.

    .venv/bin/gunicorn -w 2 -b 127.0.0.1:8000 bench.hello:app
"""

from __future__ import annotations

from flask import Flask, render_template_string

app = Flask(__name__)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><ol>
{% for item in items %}<li><a href="/items/{{ item.id }}">{{ item.name }}</a>
<p>{{ item.summary }}</p></li>{% endfor %}
</ol></body></html>"""

ITEMS = [
    {"id": n, "name": f"Activity {n}", "summary": f"What happens at activity {n}, and when."}
    for n in range(1, 21)
]


@app.get("/")
def hello() -> str:
    return render_template_string(PAGE, title="Hello, world", items=ITEMS)
