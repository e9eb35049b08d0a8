"""The Open Referral UK 3.0 read API at /api/: read the parameters, ask `queries`, answer JSON.

Every answer under /api (errors, 304s, HEAD and OPTIONS included) allows any origin. JSON
answers carry an ETag (a hash of the body) and answer 304 to a matching If-None-Match.
Errors are JSON: {"error", "message"} and, for a bad parameter, "parameter" (400); an unknown
or malformed id is a 404. `format=ndjson` streams every match, a batch at a time;
/api/export.zip is the whole directory as the ORUK CSV package.
"""

from __future__ import annotations

import math
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus

from flask import Blueprint, Response, current_app, request, stream_with_context

from portal.api import fields, organisations, params, queries, records, rows
from portal.api.export import dumps, write_csv_package
from portal.api.openapi import openapi_json
from portal.links import absolute_url
from portal.validation import ValidationFailed

bp = Blueprint("api", __name__, url_prefix="/api")

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
NDJSON = "application/x-ndjson"
SPOOL_BYTES = 8 * 1024 * 1024  # a CSV package bigger than this waits on disk, not in memory
CHUNK_BYTES = 64 * 1024
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag",
    "Access-Control-Max-Age": "86400",
}


class Missing(LookupError):
    """No published record of this kind has this id (or the id is not an id at all)."""

    def __init__(self, what: str, record_id: str) -> None:
        super().__init__(record_id)
        self.message = f"No published {what} has the id “{record_id[:100]}”"


def _id(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Missing(what, value) from None


def answer(payload: object, status: int = 200) -> Response:
    return json_response(dumps(payload), status)


def json_response(body: str, status: int = 200) -> Response:
    """JSON; a 200 gets an ETag and becomes a 304 when the client has this version already."""
    response = current_app.response_class(body, status, mimetype="application/json")
    if status == 200:
        response.headers["Cache-Control"] = "no-cache"
        response.add_etag()
        response.make_conditional(request)
    return response


def page_payload(listing: queries.Listing, contents: list) -> dict:
    """ORUK's page wrapper. An empty result is one empty page (total_pages 1), so the first
    page is also the last; a page after the last is empty, and last_page is true."""
    per_page, number = listing.paging.per_page, listing.paging.page
    total_pages = max(1, math.ceil(listing.total / per_page))
    return {
        "total_items": listing.total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def stream(batches: Iterator[list], render: Callable[[list], list[dict]]) -> Response:
    """One JSON object per line, written a batch at a time as the database is read."""

    def lines() -> Iterable[str]:
        for batch in batches:
            yield "".join(dumps(record) + "\n" for record in render(batch))

    response = current_app.response_class(stream_with_context(lines()), mimetype=NDJSON)
    response.headers["Cache-Control"] = "no-cache"
    return response


def each(render: Callable[[object], dict]) -> Callable[[list], list[dict]]:
    return lambda batch: [render(item) for item in batch]


# --- errors and headers --------------------------------------------------------------------------


@bp.errorhandler(ValidationFailed)
def bad_parameter(problem: ValidationFailed):
    body = {"error": "bad_parameter", "parameter": problem.field, "message": problem.message}
    return answer(body, 400)


@bp.errorhandler(Missing)
def missing(problem: Missing):
    return answer({"error": "not_found", "message": problem.message}, 404)


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


@bp.after_app_request
def api_headers(response: Response) -> Response:
    """CORS on everything under /api; errors the rest of the portal made there (no such
    address, a method we do not answer, the database away) in the API's error shape."""
    if not _is_api(request.path):
        return response
    response.headers.update(CORS)
    if response.status_code >= 400 and not response.is_streamed:
        body = response.get_json(silent=True)
        if not (isinstance(body, dict) and isinstance(body.get("error"), str)):
            response.set_data(dumps(_error_body(response.status_code)))
            response.mimetype = "application/json"
    return response


def _error_body(status: int) -> dict:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    message = {
        404: "There is nothing at this address. The API's addresses are in /api/openapi.json.",
        405: "This address answers GET (and HEAD and OPTIONS) only.",
        503: "The database is unavailable. Try again in a minute.",
    }.get(status, phrase)
    return {"error": phrase.lower().replace(" ", "_").replace("-", "_"), "message": message}


# --- the API -------------------------------------------------------------------------------------


@bp.get("/")
def root():
    return answer(
        {"version": VERSION, "profile": PROFILE, "openapi_url": absolute_url("api.openapi")}
    )


@bp.get("/openapi.json")
def openapi():
    return json_response(openapi_json(current_app.config["PORTAL_BASE_URL"]))


def _service_renderer(shape: params.Shape) -> Callable:
    pages = fields.organisation_pages()
    if shape.minimal:
        return records.minimal_record
    return lambda s: records.service_record(s, full=shape.full, organisation_url=pages)


def _place_renderer(shape: params.Shape) -> Callable:
    pages = fields.organisation_pages()
    return lambda sal: records.service_at_location_record(
        sal, full=shape.full, organisation_url=pages
    )


def _list(kind: queries.Kind, shape: params.Shape, render: Callable) -> Response:
    query = params.service_query(request.args)
    if shape.ndjson:
        return stream(queries.stream_of(kind, query, full=shape.full), each(render))
    paging = params.paging(request.args, minimal=shape.minimal)
    listing = queries.page_of(kind, query, paging, full=shape.full)
    return answer(page_payload(listing, [render(item) for item in listing.items]))


@bp.get("/services")
def services():
    shape = params.shape(request.args, ("minimal", "full", "format"))
    return _list(queries.SERVICES, shape, _service_renderer(shape))


@bp.get("/services/<service_id>")
def service(service_id: str):
    found = queries.get_one(queries.SERVICES, _id(service_id, "service"))
    if found is None:
        raise Missing("service", service_id)
    pages = fields.organisation_pages()
    return answer(records.service_record(found, full=True, organisation_url=pages))


@bp.get("/service_at_locations")
def service_at_locations():
    shape = params.shape(request.args, ("full", "format"))
    return _list(queries.PLACES, shape, _place_renderer(shape))


@bp.get("/service_at_locations/<record_id>")
def service_at_location(record_id: str):
    found = queries.get_one(queries.PLACES, _id(record_id, "service at a location"))
    if found is None:
        raise Missing("service at a location", record_id)
    return answer(_place_renderer(params.Shape(full=True))(found))


def _organisation_renderer(shape: params.Shape) -> Callable[[list], list[dict]]:
    """Renders a batch of organisations, fetching their services in one query if asked."""
    pages = fields.organisation_pages()
    with_services = shape.full or shape.full_service
    vocabulary = rows.Vocabulary()

    def render(batch: list) -> list[dict]:
        ids = [o.id for o in batch]
        found = queries.services_of(ids, shape.full_service, vocabulary) if with_services else {}
        return [
            records.organization_record(
                o, found.get(o.id), shape.full_service, pages(o.id), organisation_url=pages
            )
            for o in batch
        ]

    return render


@bp.get("/organizations")
def organizations():
    shape = params.shape(request.args, ("full", "full_service", "format"))
    search = params.text(request.args, "search")
    render = _organisation_renderer(shape)
    if shape.ndjson:
        return stream(organisations.organisation_batches(search), render)
    listing = organisations.organisation_page(search, params.paging(request.args))
    return answer(page_payload(listing, render(list(listing.items))))


@bp.get("/organizations/<organisation_id>")
def organization(organisation_id: str):
    shape = params.shape(request.args, ("full_service",))
    found = organisations.get_organisation(_id(organisation_id, "organisation"))
    if found is None:
        raise Missing("organisation", organisation_id)
    render = _organisation_renderer(params.Shape(full=True, full_service=shape.full_service))
    return answer(render([found])[0])


@bp.get("/taxonomies")
def taxonomies():
    listing = organisations.taxonomy_page(params.paging(request.args))
    return answer(page_payload(listing, [records.taxonomy_record(t) for t in listing.items]))


@bp.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str):
    found = organisations.get_taxonomy(_id(taxonomy_id, "taxonomy"))
    if found is None:
        raise Missing("taxonomy", taxonomy_id)
    return answer(records.taxonomy_record(found))


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    args = request.args
    listing = organisations.term_page(
        params.paging(args),
        taxonomy_id=params.identifier(args, "taxonomy_id", "a taxonomy"),
        parent_id=params.identifier(args, "parent_id", "a taxonomy term"),
        top_only=params.boolean(args, "top_only"),
        search=params.text(args, "search"),
    )
    return answer(page_payload(listing, [records.taxonomy_term_record(t) for t in listing.items]))


@bp.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str):
    found = organisations.get_term(_id(term_id, "taxonomy term"))
    if found is None:
        raise Missing("taxonomy term", term_id)
    return answer(records.taxonomy_term_record(found))


@bp.get("/export.zip")
def export_package():
    """The whole public directory as the ORUK tabular (CSV) package. Written to a temporary
    file first (kept in memory only while small), so a big directory never sits in memory."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (sent, then closed)
    write_csv_package(spool)
    size = spool.tell()
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        try:
            while block := spool.read(CHUNK_BYTES):
                yield block
        finally:
            spool.close()

    response = Response(chunks(), mimetype="application/zip")
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = 'attachment; filename="directory-oruk-csv.zip"'
    return response
