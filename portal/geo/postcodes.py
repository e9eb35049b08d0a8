"""UK postcodes: tidy what people type, and reduce a postcode to its district."""

from __future__ import annotations

import re

_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(text: str) -> str | None:
    """'rg127aa' -> 'RG12 7AA'; a bare district 'rg12' -> 'RG12'; anything else -> None."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _FULL.match(compact)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    return compact if _DISTRICT.match(compact) else None


def postcode_district(postcode: str | None) -> str | None:
    """The outward code ('RG12') that may be shown even for a masked home address."""
    tidy = normalise_postcode(postcode or "")
    return tidy.split(" ")[0] if tidy else None
