"""The web app over the store: pages for people and their JSON twins under /api/v1/ for scripts.

Every route is in ROUTES. Pages are rendered on the server with Jinja2 (the story page extends
the briefing's own template); the only script is htmx, served from /static, and the
Content-Security-Policy forbids any other. Writes need the operator's token; bad requests get a
4xx with a JSON error and never a traceback.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Callable

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import Briefing
from ..render import html as briefing_html
from ..settings import Settings
from ..store import Store, StoreError
from . import views
from .briefings import Briefings
from .fetch import Refused, addresses, check_url, is_public
from .jobs import Jobs, now_iso
from .options import ServeOptions

API = "/api/v1"
COOKIE = "corroborate_token"


@dataclass
class Web:
    store: Store
    settings: Settings
    options: ServeOptions
    briefings: Briefings
    jobs: Jobs
    pages: Environment
    listings: dict = field(default_factory=dict)  # rendered stories pages, oldest first
    lock: threading.Lock = field(default_factory=threading.Lock)


def web(request: Request) -> Web:
    return request.app.state.web


W = Annotated[Web, Depends(web)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page of the list.")]
PerPage = Annotated[int | None, Query(ge=1, le=100, description="Items per page (default 20, at most 100).")]
Since = Annotated[str | None, Query(description="ISO date or time (UTC unless an offset is given).",
                                    pattern=r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]


# ------------------------------------------------------------------ security


def presented_token(request: Request, form_token: str | None = None) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-corroborate-token") or form_token or None


def token_matches(w: Web, token: str | None) -> bool:
    return bool(token) and secrets.compare_digest(token.encode(), w.options.token.encode())


def check_read(request: Request) -> None:
    w = web(request)
    if w.options.protect_reads and not (token_matches(w, presented_token(request))
                                        or token_matches(w, request.cookies.get(COOKIE))):
        raise HTTPException(401, "reading needs the server's token: send 'Authorization: Bearer TOKEN' or sign in at /login")


def check_write(request: Request, form_token: str | None) -> None:
    token = presented_token(request, form_token)
    if not token:
        raise HTTPException(401, "adding reports needs the server's token (field 'token' or 'Authorization: Bearer TOKEN')")
    if not token_matches(web(request), token):
        raise HTTPException(403, "the token is wrong")


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is over the {limit // 1_000_000} MB limit")


class Guard:
    """Security headers on every answer; request bodies cut off at the size limit, whether or not
    the client announced their length."""

    def __init__(self, app, csp: str, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_secured(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_bytes:
            return await error_response(BodyTooLarge(self.max_bytes).detail, 413)(scope, receive, send_secured)
        received = 0

        async def receive_limited():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        try:
            await self.app(scope, receive_limited, send_secured)
        except BodyTooLarge as exc:
            if not started:
                await error_response(exc.detail, 413)(scope, receive, send_secured)


def style_hashes() -> list[str]:
    """The briefing template's inline style, allowed by its hash (the standalone briefing file
    must open offline, so its CSS stays inline)."""
    page = briefing_html.render(Briefing(articles=[]))
    return [f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
            for css in re.findall(r"<style>(.*?)</style>", page, re.S)]


def content_security_policy() -> str:
    return ("default-src 'none'; script-src 'self'; style-src 'self' " + " ".join(style_hashes())
            + "; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


# ------------------------------------------------------------------ errors


def error_response(message: str, status: int, details: list | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status} | ({"details": details} if details else {}), status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or API route at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(message, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [{"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
        said = "; ".join(f"{d['where']}: {d['problem']}" for d in details)
        return error_response(f"bad request: {said}", 422, details)

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound):
        return error_response(str(exc), 404)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return error_response(f"the store cannot answer: {exc}", 503)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):  # the message names the kind, never a traceback
        return error_response(f"internal error ({exc.__class__.__name__}); the server log has the details", 500)


# ------------------------------------------------------------------ pages and their twins


def page(w: Web, template: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(w.pages.get_template(template).render(protect_reads=w.options.protect_reads, **context),
                        status_code=status)


def per(w: Web, per_page: int | None) -> int:
    return per_page or w.options.page_size


def normalised(since: str | None) -> str | None:
    """ISO dates stay dates (they compare as prefixes); times become UTC as the store writes them."""
    if not since or len(since) == 10:
        return since
    try:
        moment = datetime.fromisoformat(since.replace(" ", "T"))
    except ValueError:
        raise HTTPException(422, f"bad request: since: {since!r} is not a date or time") from None
    moment = moment.replace(tzinfo=moment.tzinfo or timezone.utc).astimezone(timezone.utc)
    return moment.isoformat(timespec="seconds")


def stories_page(w: W, page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1, per_page: PerPage = None,
                 since: Since = None, outlet: str | None = None, person: str | None = None, q: str | None = None):
    """The desk's front page, asked for most: kept per store generation and filters."""
    key = (views.catalog.generation(w.store), page_no, per(w, per_page), since, outlet, person, q)
    with w.lock:
        if key in w.listings:
            return HTMLResponse(w.listings[key])
    data = views.stories(w.store, page_no, per(w, per_page), normalised(since), outlet or None, person or None, q or None)
    for item in data["items"]:
        item["picture"] = views.coverage_picture(item["outlet_reports"])
    response = page(w, "stories.html.j2", data=data)
    with w.lock:
        w.listings[key] = response.body
        while len(w.listings) > 256:
            w.listings.pop(next(iter(w.listings)))
    return response


def stories_api(w: W, page: PageNo = 1, per_page: PerPage = None, since: Since = None, outlet: str | None = None,
                person: str | None = None, q: str | None = None) -> dict:
    """Stories, newest update first, with their reports, outlets and independent sources; filters combine."""
    return views.stories(w.store, page, per(w, per_page), normalised(since), outlet, person, q)


def story_page(w: W, story_id: int, since: Since = None):
    key = None
    if since is None:
        summary = views.catalog.story_summary(w.store, story_id)
        if summary is None:
            raise views.NotFound(f"no story {story_id}")
        entry = w.briefings.of(summary)
        key = ("page", views.catalog.version_key(summary))
        if key in entry.rendered:
            return HTMLResponse(entry.rendered[key])  # encoded once: a page is a few hundred kB
    context = views.story_page_context(w.store, w.briefings, story_id, normalised(since))
    response = page(w, "story.html.j2", **context, since=since)
    if key:
        entry.rendered[key] = response.body
    return response


def story_api(w: W, story_id: int, since: Since = None) -> dict:
    """A story: its reports, its briefing (as `brief --format json` writes it) and, given `since`,
    what changed after that time."""
    return views.story(w.store, w.briefings, story_id, normalised(since))[1]


def briefing_api(w: W, story_id: int) -> Response:
    """The story's briefing, exactly as `corroborate brief --story ID --format json` writes it."""
    summary = views.catalog.story_summary(w.store, story_id)
    if summary is None:
        raise views.NotFound(f"no story {story_id}")
    return Response(w.briefings.of(summary).json(), media_type="application/json")


def reports_page(w: W, page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1, per_page: PerPage = None):
    return page(w, "reports.html.j2", data=views.reports(w.store, page_no, per(w, per_page)))


def reports_api(w: W, page: PageNo = 1, per_page: PerPage = None) -> dict:
    """Stored reports, newest first, with their story."""
    return views.reports(w.store, page, per(w, per_page))


Line = Annotated[int | None, Query(ge=1, description="A line to highlight.")]


def report_page(w: W, report_id: int, line: Line = None):
    data = views.report(w.store, report_id, line)
    return page(w, "report.html.j2", data=data, line=line)


def report_api(w: W, report_id: int) -> dict:
    """A stored report's newest version (text, lines, quotes, names, values) and what its edits changed."""
    data = views.report(w.store, report_id, None)
    data.pop("body")
    return data


def people_page(w: W, page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1, per_page: PerPage = None):
    return page(w, "people.html.j2", data=views.people(w.store, page_no, per(w, per_page)))


def people_api(w: W, page: PageNo = 1, per_page: PerPage = None) -> dict:
    """People and organisations quoted in the stored reports, most quoted first."""
    return views.people(w.store, page, per(w, per_page))


def person_page(w: W, name: str, page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
                per_page: PerPage = None):
    return page(w, "person.html.j2", data=views.person(w.store, name, page_no, per(w, per_page)))


def person_api(w: W, name: str, page: PageNo = 1, per_page: PerPage = None) -> dict:
    """Everything a person or organisation is quoted as saying, with the outlets and stories."""
    return views.person(w.store, name, page, per(w, per_page))


Words = Annotated[str, Query(max_length=500, description="Words to find (all of them; English stemming).")]


def search_page(w: W, q: Words = "", page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
                per_page: PerPage = None):
    return page(w, "search.html.j2", data=views.search(w.store, q, page_no, per(w, per_page)))


def search_api(w: W, q: Words, page: PageNo = 1, per_page: PerPage = None) -> dict:
    """Stored sentences matching every word, with who is quoted in them and their report and story."""
    return views.search(w.store, q, page, per(w, per_page))


def add_page(w: W):
    return page(w, "add.html.j2", jobs=w.jobs.all(), options=w.options)


async def add_form(request: Request, w: W, files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI reads it)
                   text: Annotated[str, Form(max_length=5_000_000)] = "", urls: Annotated[str, Form(max_length=100_000)] = "",
                   token: Annotated[str, Form(max_length=500)] = ""):
    """The add form: the job table for htmx, the whole page otherwise; problems shown in the form."""
    try:
        await accept(request, w, files, text, urls, token)
    except HTTPException as exc:
        if request.headers.get("hx-request"):
            return page(w, "_jobs.html.j2", status=exc.status_code, jobs=w.jobs.all(), problem=exc.detail)
        raise
    if request.headers.get("hx-request"):
        return page(w, "_jobs.html.j2", jobs=w.jobs.all())
    return page(w, "add.html.j2", jobs=w.jobs.all(), options=w.options)


async def add_api(request: Request, w: W, files: Annotated[list[UploadFile], File(description="Files in any format ingest reads.")] = [],  # noqa: B006
                  text: Annotated[str, Form(max_length=5_000_000, description="One pasted report.")] = "",
                  urls: Annotated[str, Form(max_length=100_000, description="http(s) URLs, one a line.")] = "") -> JSONResponse:
    """Add reports (files, pasted text, URLs): ingested in the background; poll the job."""
    job = await accept(request, w, files, text, urls, None)
    return JSONResponse(job.as_dict() | {"url": f"{API}/jobs/{job.id}"}, status_code=202)


async def accept(request: Request, w: W, files: list[UploadFile], text: str, urls: str, token: str | None):
    """Check the token and the limits, write the uploads to a job folder and queue the job."""
    check_write(request, token)
    files = [f for f in files if f.filename]  # a browser sends an empty part for an empty file input
    addresses_given = [u.strip() for u in urls.splitlines() if u.strip()]
    count = len(files) + len(addresses_given) + bool(text.strip())
    if count == 0:
        raise HTTPException(400, "nothing to add: give files, pasted text or URLs")
    if count > w.options.max_files:
        raise HTTPException(413, f"{count} inputs in one request; the limit is {w.options.max_files}")
    for f in files:
        if (f.size or 0) > w.options.max_file_bytes:
            raise HTTPException(413, f"{f.filename}: over the {w.options.max_file_bytes // 1_000_000} MB limit per file")
    for url in addresses_given:  # resolving blocks: off the event loop
        await run_in_threadpool(refuse_private, w, url)
    folder = Path(tempfile.mkdtemp(prefix="corroborate-upload-"))
    paths, names = [], []
    for n, f in enumerate(files):
        name = safe_name(f.filename, n)
        (folder / str(n)).mkdir()
        path = folder / str(n) / name
        path.write_bytes(await f.read())
        paths.append(path)
        names.append(name)
    if text.strip():
        path = folder / "pasted.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        names.append("pasted text")
    return w.jobs.submit(folder, paths, addresses_given, names + addresses_given, now_iso())


def refuse_private(w: Web, url: str) -> None:
    """Scheme and host checked now, so the user hears at once; the fetch checks every hop again."""
    try:
        check_url(url)
        if not w.options.allow_private_urls:
            from urllib.parse import urlsplit

            parts = urlsplit(url.strip())
            for address in addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)):
                if not is_public(address):
                    raise Refused(f"{url}: {parts.hostname} resolves to {address}, which is not a public address")
    except Refused as exc:
        raise HTTPException(400, str(exc)) from None


def safe_name(filename: str, n: int) -> str:
    """The upload's own file name (reports are known by it), reduced to harmless characters."""
    name = re.sub(r"[^\w.\-]+", "_", Path(filename.replace("\\", "/")).name).lstrip(".")[:120]
    return name or f"upload-{n}"


def jobs_page(request: Request, w: W):
    if request.headers.get("hx-request"):
        return page(w, "_jobs.html.j2", jobs=w.jobs.all())
    return page(w, "add.html.j2", jobs=w.jobs.all(), options=w.options)


def jobs_api(w: W, page: PageNo = 1, per_page: PerPage = None) -> dict:
    """Ingestion jobs of this server run, newest first, with their progress."""
    jobs = [j.as_dict() for j in w.jobs.all()]
    size = per(w, per_page)
    return views.paged(len(jobs), page, size, jobs[(page - 1) * size:page * size])


def job_api(w: W, job_id: int) -> dict:
    """One ingestion job: state (queued, running, done, failed), stage, progress, counts, errors, stories."""
    job = w.jobs.get(job_id)
    if job is None:
        raise views.NotFound(f"no job {job_id}")
    return job.as_dict()


def docs_page(request: Request, w: W):
    return page(w, "docs.html.j2", api=request.app.openapi())


def login_page(w: W):
    return page(w, "login.html.j2")


def login(request: Request, w: W, token: Annotated[str, Form(max_length=500)] = ""):
    if not token_matches(w, token):
        return page(w, "login.html.j2", status=403, problem="the token is wrong")
    response = page(w, "login.html.j2", signed_in=True)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    endpoint: Callable
    api: bool = False  # in the OpenAPI document
    read: bool = True  # guarded by the read token when reads are protected


ROUTES = [
    Route("GET", "/", stories_page),
    Route("GET", f"{API}/stories", stories_api, api=True),
    Route("GET", "/stories/{story_id}", story_page),
    Route("GET", f"{API}/stories/{{story_id}}", story_api, api=True),
    Route("GET", f"{API}/stories/{{story_id}}/briefing", briefing_api, api=True),
    Route("GET", "/reports", reports_page),
    Route("GET", f"{API}/reports", reports_api, api=True),
    Route("GET", "/reports/{report_id}", report_page),
    Route("GET", f"{API}/reports/{{report_id}}", report_api, api=True),
    Route("GET", "/people", people_page),
    Route("GET", f"{API}/people", people_api, api=True),
    Route("GET", "/people/{name:path}", person_page),
    Route("GET", f"{API}/people/{{name:path}}", person_api, api=True),
    Route("GET", "/search", search_page),
    Route("GET", f"{API}/search", search_api, api=True),
    Route("GET", "/add", add_page),
    Route("POST", "/add", add_form, read=False),
    Route("POST", f"{API}/reports", add_api, api=True, read=False),
    Route("GET", "/jobs", jobs_page),
    Route("GET", f"{API}/jobs", jobs_api, api=True),
    Route("GET", f"{API}/jobs/{{job_id}}", job_api, api=True),
    Route("GET", f"{API}/docs", docs_page),
    Route("GET", "/login", login_page, read=False),
    Route("POST", "/login", login, read=False),
]


def create_app(store: Store, options: ServeOptions, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="corroborate", version=__version__, openapi_url=f"{API}/openapi.json", docs_url=None, redoc_url=None,
                  description="Stories, briefings, reports, people and search over the corroborate store. "
                              "Writes need the server's token as 'Authorization: Bearer TOKEN'.")
    briefings = Briefings(store, settings)
    pages = Environment(loader=ChoiceLoader([PackageLoader("corroborate.web", "templates"),
                                             PackageLoader("corroborate.render", "templates")]), autoescape=True)
    pages.filters["tojson_pretty"] = lambda value: json.dumps(value, indent=1, ensure_ascii=False, default=str)
    app.state.web = Web(store, settings, options, briefings, Jobs(store, settings, options, briefings), pages)
    for route in ROUTES:
        app.add_api_route(route.path, route.endpoint, methods=[route.method], include_in_schema=route.api,
                          dependencies=[Depends(check_read)] if route.read else [],
                          response_class=JSONResponse if route.api else HTMLResponse)
    app.mount("/static", StaticFiles(packages=[("corroborate.web", "static")]), name="static")
    install_error_handlers(app)
    app.add_middleware(Guard, csp=content_security_policy(), max_bytes=options.max_request_bytes)
    return app
