"""The dry-run report of one import, kept as JSON on `ImportRun.report`.

The command prints it and the "Other directories" pages show it; both read this shape:

    {
      "source": "https://fis.example.org/api",          # what was read
      "read": 120,                                       # records read
      "full": true,                                      # the whole feed (so withdrawals count)
      "counts": {"new": 3, "changed": 10, "unchanged": 100, "withdrawn": 2, "rejected": 5},
      "fatal": null | "The feed answered 500 on page 3 of 5: nothing was imported.",
      "problems": [{"record_id", "field", "reason", "severity"}],
      "incomplete": [{"record_id", "name", "missing": ["a place (an address or postcode)",
                                                      "a need we can map",
                                                      "a way to join or get in touch"]}],
      "duplicates": [{"record_id", "name", "place", "service_id", "service_name"}],
      "unmapped_terms": [{"key", "taxonomy", "name", "records": 4}],
      "withdrawn": [{"record_id", "service_id", "name"}],
    }
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

MISSING_PLACE = "a place (an address or postcode)"
MISSING_NEED = "a need we can map"
MISSING_CONTACT = "a way to join or get in touch"


@dataclass
class Report:
    source: str = ""
    read: int = 0
    full: bool = True
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "new": 0,
            "changed": 0,
            "unchanged": 0,
            "withdrawn": 0,
            "rejected": 0,
        }
    )
    fatal: str | None = None
    problems: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    unmapped_terms: list[dict] = field(default_factory=list)
    withdrawn: list[dict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing an administrator must decide: the whole source was read, no record was
        rejected (warnings, such as a dropped e-mail address or a missing assured date, do
        not count: the record is imported and the report says what was left out), no term is
        unmatched and nothing might already be listed. A feed set to apply automatically
        applies only a clean run."""
        rejected = any(p.get("severity", "error") == "error" for p in self.problems)
        return not (self.fatal or rejected or self.unmapped_terms or self.duplicates)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Report:
        data = json.loads(text or "{}")
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
