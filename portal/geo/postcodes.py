"""UK postcodes: tidy what people type, and reduce a postcode to its district."""

from __future__ import annotations

import re

_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# Something a person meant as a postcode, even when mistyped: "RG12 1A", "rg1z", "SL5 7JXX".
_POSTCODE_LIKE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]{0,5}$")
_OUTWARD_START = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?")


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


def is_full_postcode(tidy: str) -> bool:
    """True for a tidied full postcode ('RG12 7AA'), false for a district ('RG12')."""
    return " " in tidy


def postcode_key(tidy: str) -> str:
    """How postcodes and districts are keyed in the gazetteer: upper case, no spaces."""
    return tidy.replace(" ", "").upper()


def looks_like_postcode(text: str) -> bool:
    """True when `text` was probably meant as a postcode or district, valid or not."""
    compact = re.sub(r"\s+", "", text or "").upper()
    return bool(_POSTCODE_LIKE.match(compact))


def outward_guess(text: str) -> str | None:
    """The district a mistyped postcode most likely starts with: 'rg121a' -> 'RG12'."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _OUTWARD_START.match(compact)
    return match.group(0) if match else None


def postcode_area(text: str) -> str:
    """The letters a postcode starts with: 'RG12 7AA' -> 'RG'."""
    compact = re.sub(r"\s+", "", text or "").upper()
    return re.match(r"^[A-Z]*", compact).group(0)  # type: ignore[union-attr]
