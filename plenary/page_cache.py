"""Public pages served from the cache while the record is unchanged.

Why: during a session the public, the press and hundreds of stakeholders open the same few
pages at once, and each of them costs tens of queries and milliseconds of rendering, while
what they show changes only when someone changes the record. So a page that is the same for
everyone who is not signed in is rendered once per state of the record and language, and
served from the cache (Redis with several app servers, else each process's memory) until the
record changes: the key holds the state that every write bumps in its own transaction
(plenary/audit/state.py), so the change itself makes the kept page unreachable, in every app
server at once, with no timer.

- `public_page` marks a view (or an API operation) whose answer to a person who is not signed
  in is the same for everyone: `PublicPageCache` keeps its 200 answers per address, language,
  htmx or not, and state, serves them with an ETag and a Last-Modified (the time of the last
  change), answers 304 when the browser's copy is current, and marks them `Cache-Control:
  public` with `s-maxage` so that a CDN or the reverse proxy may hold them for
  PUBLIC_CACHE_SECONDS; `Vary` names the cookie (a signed-in person's page is another one),
  the language and htmx.
- Everything else is `Cache-Control: private`, and so is any answer that carries a cookie or a
  CSRF token or was made for someone signed in, even if its view is marked: a shared cache
  never holds a personal page. Closed sessions and informal drafts are only shown to people who
  are signed in, so they never reach a public page.
- `{% shared_fragment %}` keeps the part of a page that is the same for everyone of a role (the
  secretariat, delegations, ...), for people who are signed in: the rest of their page (their
  name, their forms and tokens) is rendered for them. A fragment that holds a CSRF token is
  never kept.
- `changes_at(request, moment)`: a page that changes by itself at a known time (a date that
  arrives) is not served from the cache after it.
- `live_part(request, name, render)`: the part of a page that shows the floor (the room of a
  speakers' list) is kept apart, under the record's full state, and put into the rest of the
  page, kept across the floor's changes, each time the page is served (see its docstring).

The middleware stands right after WhiteNoise and before the session: a page from the cache
needs no session, no user, no template, only one query for the state. Under the ASGI server,
ServeKeptPages serves those pages before Django's request handling (see its docstring).
"""

import asyncio
import hashlib
import io
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_from_request

from plenary.audit import state as record_state

logger = logging.getLogger(__name__)

# How long a page of an old state stays in the cache: only to free memory, never to invalidate.
KEPT = 24 * 3600
# Addresses with a longer query string are not kept (each would be a page of its own).
LONGEST_QUERY = 300
# The paths of public pages this process has answered: only these are looked up in the cache,
# so that no other request (a form, the API's schema, a feed) waits for the state or the cache.
_public_paths: set[str] = set()
# Those of them whose pages show nothing of a session's floor, or nothing of its speakers'
# lists: the count of the record's state they are kept under (see public_page).
_kept_under: dict[str, str] = {}
MOST_PATHS = 20_000
VARY = ("Cookie", "Accept-Language", "HX-Request")
CSRF_MARKS = ("csrfmiddlewaretoken", "X-CSRFToken")


def public_page(view: Any = None, *, floor: bool = True, speakers: bool = True) -> Any:
    """The view's answer to anyone who is not signed in is the same for everyone, and it
    depends on nothing but the record, the address and the language (and htmx's header).
    `floor=False`: it shows nothing of a session's floor (no speakers' list, no item's status,
    no paragraph under discussion, or only in a live_part), so it is kept across the floor's
    changes (RecordState.settled). `speakers=False`: it shows the agenda's items but no
    speakers' list, so it is kept while the chair gives the floor (RecordState.agenda).
    tests/caching/test_beside_the_floor.py holds each such page to it."""
    if view is None:
        return lambda view: public_page(view, floor=floor, speakers=speakers)
    under = "settled" if not floor else "agenda" if not speakers else None

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        request.public_page = True  # type: ignore[attr-defined]
        if under is not None:
            request.kept_under = under  # type: ignore[attr-defined]
        # Read before the page's data, so that what is kept under a state is never older
        # than it (a fragment kept for a signed-in person's role).
        _state(request)
        # Kept by another process (a shared cache) before this one knew the page was public
        # (once it knows, PublicPageCache looks it up before the view).
        kept = _kept(request) if request.path not in _public_paths else None
        if kept is not None:
            _known(request)
            request.served_kept = True  # type: ignore[attr-defined]
            return kept
        return view(request, *args, **kwargs)

    wrapped.kept_under = under  # type: ignore[attr-defined]
    return wrapped


def _known(request: HttpRequest) -> None:
    """This process looks the request's page up in the cache from now on (see _public_paths)."""
    if len(_public_paths) < MOST_PATHS:
        _public_paths.add(request.path)
        if hasattr(request, "kept_under"):
            _kept_under[request.path] = request.kept_under


def changes_at(request: HttpRequest, moment: float | None) -> None:
    """The page shows something that changes by itself at `moment` (seconds since 1970): it
    is not served from the cache from then on."""
    if moment is None:
        return
    current = getattr(request, "page_changes_at", None)
    request.page_changes_at = moment if current is None else min(current, moment)  # type: ignore[attr-defined]


def audience(user: Any) -> str:
    """Who sees the same page: the public, or everyone of one role."""
    if user is None or not user.is_authenticated:
        return "public"
    return f"role-{user.role}"


def _state(request: HttpRequest) -> record_state.RecordState | None:
    if not hasattr(request, "record_state"):
        try:
            request.record_state = record_state.current()  # type: ignore[attr-defined]
        except DatabaseError:
            # The view will meet the same error and answer 503; nothing is cached meanwhile,
            # and the next request opens a new connection.
            request.record_state = None  # type: ignore[attr-defined]
            connection.close()
    return request.record_state  # type: ignore[attr-defined]


def _address(request: HttpRequest) -> str | None:
    path = request.get_full_path()
    if len(request.META.get("QUERY_STRING", "")) > LONGEST_QUERY:
        return None
    return hashlib.sha256(path.encode()).hexdigest()[:32]


def _anonymous(request: HttpRequest) -> bool:
    """A request that no session, message or token makes personal."""
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


class _Recent:
    """The pages this process kept or served last, in its own memory, before the shared cache:
    a key holds the state of the record, so what is kept under it never changes and this copy
    needs no invalidation either."""

    MOST_BYTES = 32 * 1024 * 1024

    def __init__(self) -> None:
        self.pages: OrderedDict[str, Kept] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> "Kept | None":
        with self.lock:
            kept = self.pages.get(key)
            if kept is not None:
                self.pages.move_to_end(key)
            return kept

    def clear(self) -> None:
        """Forget them all: only for tests, whose rolled-back changes take the state back."""
        with self.lock:
            self.pages.clear()
            self.size = 0

    def put(self, key: str, kept: "Kept") -> None:
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = kept
            self.size += len(kept.content)
            while self.size > self.MOST_BYTES and self.pages:
                _key, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.content)


_recent = _Recent()


@dataclass
class Kept:
    """A public page as kept in the cache."""

    content: bytes
    headers: list[tuple[str, str]]
    etag: str
    changed_at: float
    changes_at: float | None
    # A page with a live part (see live_part): where the part goes in `content`, and its name.
    live: tuple[int, str] | None = None

    def response(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        if response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(self.content))
        _mark_public(response, self)
        return (
            get_conditional_response(
                request, etag=self.etag, last_modified=int(self.changed_at), response=response
            )
            or response
        )


def _mark_public(response: HttpResponse, kept: Kept) -> None:
    seconds = settings.PUBLIC_CACHE_SECONDS
    if kept.changes_at is not None:
        seconds = max(0, min(seconds, int(kept.changes_at - time.time())))
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    patch_vary_headers(response, VARY)
    response.headers["ETag"] = kept.etag
    response.headers["Last-Modified"] = http_date(int(kept.changed_at))


def live_part(request: HttpRequest, name: str, render: Callable[[], str]) -> SafeString:
    """The part of a public page that shows a session's floor, on a page that shows nothing
    else of it (the room on an item's speakers' list, public_page(floor=False)).

    Why: the chair gives the floor again and again during a meeting, and each time every server
    rendered the whole page again in each language for the crowd that follows it. So the part
    is kept apart under `name`, the language and the record's full state (`render` makes it,
    the same for everyone); the rest of the page is kept under the settled state, and the part
    is put back in each time the page is served, with an ETag of both. The live room renders
    the part for every language when the floor changes (keep_live_part), so a change of the
    floor then costs no rendering of the page at all."""
    state = _state(request)
    language = get_language()
    part = _live(name, language, state) if state is not None else None
    if part is None:
        html = render()
        if state is None:
            return mark_safe(html)  # noqa: S308 -- rendered by a template, which escaped it
        part = keep_live_part(name, state, {language: html})[language]
    request.live_part = (name, part.content)  # type: ignore[attr-defined]
    return mark_safe(part.content.decode())  # noqa: S308 -- as rendered by its template


# What renders each kind of live part by itself (renders_live_part).
_live_renderers: dict[str, Callable[[str, str], str | None]] = {}


def renders_live_part(
    kind: str,
) -> Callable[[Callable[[str, str], str | None]], Callable[[str, str], str | None]]:
    """`render(key, language)` makes the live part named f"{kind}-{key}" (None if there is no
    such part any more). Then, after any change of the record, a kept page whose live part is
    not kept for the new state has only that part rendered, not the whole page: a change of
    the floor elsewhere (another item's room) changes the state of the record but not the part."""

    def register(
        render: Callable[[str, str], str | None],
    ) -> Callable[[str, str], str | None]:
        _live_renderers[kind] = render
        return render

    return register


def keep_live_part(
    name: str, state: record_state.RecordState, rendered: dict[str, str]
) -> dict[str, "Kept"]:
    """Keep a live part (see live_part) as rendered for `state` (read before its data) in each
    language of `rendered`, in one call to the shared cache."""
    parts = {}
    for language, html in rendered.items():
        content = html.encode()
        parts[_live_key(name, language, state)] = Kept(
            content=content,
            headers=[],
            etag=hashlib.sha256(content).hexdigest()[:16],
            changed_at=state.changed_at,
            changes_at=None,
        )
    cache.set_many(parts, KEPT)
    for key, part in parts.items():
        _recent.put(key, part)
    return {language: parts[_live_key(name, language, state)] for language in rendered}


def _live_key(name: str, language: str, state: record_state.RecordState) -> str:
    return ":".join(("live", state.token, language, name))


def _live(name: str, language: str, state: record_state.RecordState) -> "Kept | None":
    return _find(_live_key(name, language, state))


def _find(key: str) -> "Kept | None":
    """What is kept under `key`: from this process's memory, else from the shared cache."""
    kept = _recent.get(key)
    if kept is None:
        kept = cache.get(key)
        if kept is not None:
            _recent.put(key, kept)
    return kept


def _render_live_part(request: HttpRequest) -> HttpResponse | None:
    """The kept page with its live part rendered for the current state, if the rest of the page
    is kept and its part's kind has a renderer (renders_live_part)."""
    key = _page_key(request) if request.method == "GET" and _anonymous(request) else None
    page = _find(key) if key is not None else None
    state = _state(request)
    if page is None or page.live is None or state is None:
        return None
    kind, _dash, part_key = page.live[1].partition("-")
    render = _live_renderers.get(kind)
    language = get_language_from_request(request)
    html = render(part_key, language) if render is not None else None
    if html is None:
        return None
    keep_live_part(page.live[1], state, {language: html})
    return _kept(request)


def _with_live_part(kept: Kept, request: HttpRequest) -> Kept | None:
    """The page with its live part for the current state put in, if that part is kept."""
    if kept.live is None:
        return kept
    state = _state(request)
    at, name = kept.live
    part = _live(name, get_language_from_request(request), state) if state is not None else None
    if part is None:
        return None
    return Kept(
        content=kept.content[:at] + part.content + kept.content[at:],
        headers=kept.headers,
        etag=f'{kept.etag[:-1]}.{part.etag}"',
        changed_at=max(kept.changed_at, part.changed_at),
        changes_at=kept.changes_at,
    )


class _Rendering:
    """A lock per page being rendered in this process, held only while it is."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def one_at_a_time(self, key: str) -> Iterator[None]:
        with self.lock:
            page, waiting = self.pages.get(key, (threading.Lock(), 0))
            self.pages[key] = (page, waiting + 1)
        try:
            with page:
                yield
        finally:
            with self.lock:
                page, waiting = self.pages[key]
                if waiting == 1:
                    del self.pages[key]
                else:
                    self.pages[key] = (page, waiting - 1)


_rendering = _Rendering()


class PublicPageCache:
    """Serve public pages from the cache; mark every other answer private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kept = kept_response(request)
        if kept is not None:
            return kept
        anonymous = request.method == "GET" and _anonymous(request)
        key = _page_key(request) if anonymous and request.path in _public_paths else None
        if key is None:
            return self._answer(request, anonymous)
        # Right after a change, the crowd asks for the same page at once: one of this
        # process's threads renders it, the others wait for it and are served what it kept.
        with _rendering.one_at_a_time(key):
            kept = kept_response(request) or _render_live_part(request)
            if kept is not None:
                return kept
            return self._answer(request, anonymous)

    def _answer(self, request: HttpRequest, anonymous: bool) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "served_kept", False):
            return response
        if anonymous and _may_keep(request, response):
            key = _page_key(request)
            if key is not None:
                return self._keep(request, response, key)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        elif "public" in response["Cache-Control"] and not _may_keep(request, response):
            response.headers["Cache-Control"] = "private, no-cache"
        return response

    def _keep(self, request: HttpRequest, response: HttpResponse, key: str) -> HttpResponse:
        _known(request)
        content, live = response.content, None
        if hasattr(request, "live_part"):
            # Kept without its live part, which goes back in for each state (live_part).
            name, part = request.live_part
            at = content.find(part)
            if at < 0:
                logger.warning("The live part %s is not in the page %s.", name, request.path)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            content, live = content[:at] + content[at + len(part) :], (at, name)
        kept = Kept(
            content=content,
            headers=list(response.headers.items()),
            etag=f'"{hashlib.sha256(content).hexdigest()[:32]}"',
            changed_at=request.record_state.changed_at,  # type: ignore[attr-defined]
            changes_at=getattr(request, "page_changes_at", None),
            live=live,
        )
        cache.set(key, kept, KEPT)
        _recent.put(key, kept)
        if live is not None:
            kept = _with_live_part(kept, request) or kept
        _mark_public(response, kept)
        return (
            get_conditional_response(
                request, etag=kept.etag, last_modified=int(kept.changed_at), response=response
            )
            or response
        )


def kept_response(request: HttpRequest) -> HttpResponse | None:
    """The kept answer to this request, if it asks for a public page this process has answered
    (without a session, a message or a token) and the record is as it was then."""
    if request.path in _public_paths:
        return _kept(request)
    return None


def _kept(request: HttpRequest) -> HttpResponse | None:
    if request.method != "GET" or not _anonymous(request):
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None  # Django refuses it, as for any page
    key = _page_key(request)
    kept = _find(key) if key is not None else None
    if kept is not None:
        kept = _with_live_part(kept, request)
    if kept is not None and (kept.changes_at is None or time.time() < kept.changes_at):
        return kept.response(request)
    return None


def _page_key(request: HttpRequest) -> str | None:
    """The public page's key: its address, language, htmx or not, and the state of the record
    (read before the page's data, by this middleware or by public_page)."""
    state = _state(request)
    address = _address(request)
    if state is None or address is None:
        return None
    under = getattr(request, "kept_under", None) or _kept_under.get(request.path)
    tokens = {"settled": state.settled_token, "agenda": state.agenda_token}
    return ":".join(
        (
            "page",
            tokens[under] if under is not None else state.token,
            get_language_from_request(request),
            "htmx" if "HTTP_HX_REQUEST" in request.META else "page",
            address,
        )
    )


def _may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    """Only a marked view's full answer, made for nobody in particular, carrying nothing of
    anyone's (no cookie, no CSRF token)."""
    user = getattr(request, "user", None)
    return (
        getattr(request, "public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
    )


register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        key = _fragment_key(request, self.name) if request is not None else None
        if key is None:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            # Kept until the page changes by itself, if it does (changes_at), and never with a
            # token of this person's in it.
            moment = getattr(request, "page_changes_at", None)
            kept = KEPT if moment is None else min(KEPT, int(moment - time.time()))
            if kept > 0 and not any(mark in html for mark in CSRF_MARKS):
                cache.set(key, str(html), kept)
        return mark_safe(html)  # noqa: S308 -- rendered by the template, which escaped it


def _fragment_key(request: HttpRequest, name: str) -> str | None:
    # For people signed in (the public's whole page is kept), and only where the view read the
    # state before the page's data (public_page).
    if not request.user.is_authenticated:
        return None
    state = getattr(request, "record_state", None)
    address = _address(request)
    if state is None or address is None:
        return None
    return ":".join(
        ("fragment", state.token, get_language(), audience(request.user), name, address)
    )


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "name" %}…{% endshared_fragment %}: the same for everyone of a role
    (see the module's docstring); nothing personal may go inside."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("shared_fragment takes one name.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1].strip("\"'"))


class ServeKeptPages:
    """The same kept pages, served by the ASGI app server before Django's request handling.

    Why: Django's ASGI handler passes a request from the server's event loop to a thread and
    back several times (the request's signals, its middleware, its closing), which costs more
    than everything a kept page needs. For a request that may be answered from the cache (a GET
    of a public page this process has answered, without a session, a message or a token), this
    runs the middleware that stands before PublicPageCache in MIDDLEWARE (HTTPS redirect,
    security headers, static files) and kept_response() in one thread of its own, which keeps
    its database connection open for the state of the record. Anything else, and a page that
    is not kept for the current state, goes to Django as before.

    Right after a change, the crowd asks for the same pages at once. One request per page goes
    on to Django to render it; the others wait for it here, in the server's event loop, and are
    served what it kept. So they hold none of the threads that run requests (THREADS, as many
    as database connections), and the chair's next call, or a person's form, still finds one.
    A request waits at most once (WAIT_FOR_RENDERING seconds): if the page was not kept after
    all (it cannot be, or the record changed again), Django answers it.
    """

    WAIT_FOR_RENDERING = 10.0  # seconds

    def __init__(self, application: Any, *, watch: bool = True) -> None:
        """`watch`: on PostgreSQL, follow the state of the record through its notifications (a
        thread and a connection of their own, for the process's lifetime), rather than read it
        for each request."""
        self.application = application
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kept-pages")
        self.chain: Any = None
        self.watch = watch
        self.watcher: record_state.Watcher | None = None
        # The pages being rendered by a request of this process, each with the requests
        # waiting for it (only touched in the event loop).
        self.rendering: dict[str, list[asyncio.Future[None]]] = {}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] in _public_paths
            and anonymous_scope(scope)
        ):
            await self.application(scope, receive, send)
            return
        response, key = await self._look_up(scope)
        if response is None and key is not None and key in self.rendering:
            await self._wait_for(key)
            response, key = await self._look_up(scope)
            key = None  # waited once: Django answers if it was not kept
        if response is not None and not response.streaming:
            await _send(response, send)
        elif response is not None:
            await self.application.send_response(response, send)
        elif key is None:
            await self.application(scope, receive, send)
        else:
            await self._render(key, scope, receive, send)

    async def _look_up(self, scope: dict) -> tuple[HttpResponse | None, str | None]:
        """The kept answer, or None and the page's key (None if it has none)."""
        state = self._watched_state()
        if state is not None:
            # Nothing to wait for: the state is known, the page in memory (or one call to the
            # shared cache away).
            return self._kept(scope, state)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.thread, self._kept, scope, None)

    async def _wait_for(self, key: str) -> None:
        done = asyncio.get_running_loop().create_future()
        self.rendering[key].append(done)
        await asyncio.wait([done], timeout=self.WAIT_FOR_RENDERING)

    async def _render(self, key: str, scope: dict, receive: Any, send: Any) -> None:
        """Django renders the page (and keeps it); those waiting for it are woken as soon as
        its answer starts, when it is kept."""
        waiting: list[asyncio.Future[None]] = []
        self.rendering[key] = waiting

        def rendered() -> None:
            # Only this rendering's own waiters: another may have begun for the key since.
            if self.rendering.get(key) is waiting:
                del self.rendering[key]
            for done in waiting:
                if not done.done():
                    done.set_result(None)

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                rendered()
            await send(message)

        try:
            await self.application(scope, receive, sending)
        finally:
            rendered()

    def _watched_state(self) -> record_state.RecordState | None:
        """The state as PostgreSQL's notifications keep it in this process (None on SQLite and
        while the watcher is not connected)."""
        if self.watcher is None:
            if not self.watch or connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
                return None
            self.watcher = record_state.Watcher()
        return self.watcher.current

    def _kept(
        self, scope: dict, state: record_state.RecordState | None
    ) -> tuple[HttpResponse | None, str | None]:
        try:
            if self.chain is None:
                self.chain = _before_the_cache(_kept_or_missed)
            request = ASGIRequest(scope, io.BytesIO())
            if state is not None:
                request.record_state = state  # type: ignore[attr-defined]
            response = self.chain(request)
        except Exception:
            # Django answers the request as if there were no cache, and says what went wrong.
            logger.exception("A kept page could not be served; Django answers instead.")
            return None, None
        if isinstance(response, _Missed):
            return None, response.key
        return response, None


class _Missed(HttpResponse):
    """Not kept: the request goes on to Django, which keeps the page under `key`."""

    def __init__(self, key: str | None) -> None:
        super().__init__()
        self.key = key


async def _send(response: HttpResponse, send: Any) -> None:
    """A kept page's answer (or the redirect, refusal or 304 of the middleware before the cache)
    to the app server, as Django's handler sends it, but without passing the response to a
    thread to be closed: it holds no file, no connection, nothing to close, and no request
    began that would end with it (its handler's hop cost more than the rest of the answer)."""
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
    ]
    headers += [
        (b"Set-Cookie", cookie.output(header="").encode("ascii").strip())
        for cookie in response.cookies.values()
    ]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.content})


def _kept_or_missed(request: HttpRequest) -> HttpResponse:
    kept = kept_response(request)
    if kept is not None:
        return kept
    return _Missed(_page_key(request) if request.method == "GET" else None)


def _before_the_cache(innermost: Any) -> Any:
    """The middleware of MIDDLEWARE that stands before PublicPageCache, around `innermost`."""
    names = settings.MIDDLEWARE[: settings.MIDDLEWARE.index(f"{__name__}.PublicPageCache")]
    handler = innermost
    for name in reversed(names):
        handler = import_string(name)(handler)
    return handler


def anonymous_scope(scope: dict) -> bool:
    """_anonymous(), read from the ASGI scope's headers."""
    session = settings.SESSION_COOKIE_NAME.encode()
    for name, value in scope["headers"]:
        if name == b"authorization":
            return False
        if name == b"cookie" and (session + b"=" in value or b"messages=" in value):
            return False
    return True
