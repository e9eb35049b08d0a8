"""What the API tests share besides fixtures: the small directory's names, and reading answers.

The directory itself is the `directory` fixture (conftest.py).
"""

from __future__ import annotations

from pathlib import Path

ORUK = Path(__file__).resolve().parents[2] / "standards" / "oruk" / "schema"
#: What a masked home must never show, anywhere: its street, full postcode, name, position.
HOME_SECRETS = ("12 Larch Close", "RG12 9ZZ", "Jean's front room", "51.40567", "-0.74321")

PUBLISHED = ("chatter", "walk", "knit", "quiz", "shed")
UNPUBLISHED = ("draft", "pending", "hidden", "withdrawn", "archived", "inactive", "defunct")


def get_json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.data[:500])
    return response.get_json()


def ids_of(page: dict) -> set[str]:
    return {record["id"] for record in page["contents"]}
