"""Whole pages kept for visitors who are not signed in, thrown away by any change to what the
site stores.

Most readers are visitors without an account: they all see the same page for the same
address and language, so the page is made once and served from the cache until the stored
content changes.

Exact invalidation: every statement that writes a table (INSERT, UPDATE, DELETE, whichever
way it was issued: ``save()``, a queryset's ``update()``, a bulk insert, raw SQL) or locks
its rows for a write (``select_for_update()``) moves the **page generation** on, in the same
transaction as the write. Inside a transaction the generation moves before the statement,
so a writer takes the generation row's lock before any row of the content it writes or
locks (writes to ignored tables aside): two writers that lock rows in opposite orders wait
for each other in turn instead of deadlocking (on PostgreSQL). Outside one (autocommit) it
moves after the statement, so a reader never sees the new generation with the old content.
The generation is one row in the database, not a cache key, so every app server and every
worker process sees the same number even with the per-process local-memory cache. A cached
page is served only while the generation it was made under is still the current one; the
generation is read before the page is made, so a page can be newer than its generation,
never older. Tables whose rows no
visitor page shows (sessions, task queues, logs) are registered with ``ignore_writes_to``
and leave the cached pages in place.

Only what is the same for every such visitor is kept: a request qualifies when it is a GET,
carries no cookie but the CSRF and language ones (so no member, and no visitor state such
as a pending message or an answer to "was this helpful?"), the view is registered with
``kept_for_visitors`` (the generation is read before it runs, for those views only) and it
marked its response with ``cache_for_visitors``. A page served from the cache costs that one query.
A response that set a session value, that is not a 200, or that streams is never kept. The
CSRF token a form holds is taken out before the page is kept and each visitor's own token
is put in when it is served. Relative times ("3 minutes ago") drift by at most
``PAGE_CACHE_SECONDS``, after which a page is made afresh even without a write.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import zlib

from django import db
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import IntegerField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import patch_vary_headers

from .middleware import database_refusal

KEY_PREFIX = "visitor-page:"
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
CSRF_PLACEHOLDER_TEXT = CSRF_PLACEHOLDER.decode()
_CANDIDATE_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
# A select_for_update(): its first table, and the lock clause at the end.
_LOCKING_READ = re.compile(r'^\s*SELECT\b.*?\bFROM\s+"?([\w.]+)"?', re.IGNORECASE | re.DOTALL)
_FOR_UPDATE = re.compile(r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b[^)]*$", re.IGNORECASE)
GENERATION_TABLE = "common_pagegeneration"
# An upsert: the row comes back by itself after a test or an operator empties the table.
_BUMP_SQL = (
    "INSERT INTO common_pagegeneration (id, value) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET value = common_pagegeneration.value + 1"
)
_READ_SQL = "SELECT value FROM common_pagegeneration WHERE id = 1"

# Tables whose writes change no page a visitor sees (registered by the apps that own them).
_ignored_tables: set[str] = {GENERATION_TABLE, "django_session"}


def ignore_writes_to(*models) -> None:
    """Writes to these models' tables keep the cached pages: no visitor page shows them."""
    _ignored_tables.update(model._meta.db_table for model in models)


# SECTION the generation


def current_generation(using: str = "default") -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(_READ_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


def forget_kept_pages(using: str = "default") -> None:
    """Make every kept page and shared fragment afresh on its next request (after a change
    the database does not see, such as new templates)."""
    with connections[using].cursor() as cursor:
        cursor.execute(_BUMP_SQL)


def generation_expression():
    """The current generation as a column, for a query a page makes anyway to read it with."""
    generation = RawSQL(_READ_SQL, (), output_field=IntegerField())  # noqa: S611 (no input)
    return Coalesce(generation, Value(0))


def generation_for(request) -> int:
    """The generation this request works under, read once: for fragments of a member's page
    that are the same for everyone (kept under the generation, like visitor pages)."""
    if not hasattr(request, "page_generation"):
        request.page_generation = current_generation()
    return request.page_generation


def _written_table(sql: str) -> str | None:
    """The table a statement writes or locks for writing, or None for a plain read."""
    match = _WRITE.match(sql)
    # Searching a long read case-blind costs more than running it on SQLite: only a read
    # that says UPDATE somewhere is searched for the lock clause.
    if match is None and "UPDATE" in sql.upper() and _FOR_UPDATE.search(sql):
        match = _LOCKING_READ.match(sql)
    return match.group(1).strip('"').lower() if match else None


def _note_writes(execute, sql, params, many, context):
    table = _written_table(sql)
    if table is None or table in _ignored_tables:
        return execute(sql, params, many, context)
    connection = context["connection"]
    if not _generation_table_exists(connection):
        return execute(sql, params, many, context)
    # Its own cursor (the writer's may hold rows still to be read), in the writer's
    # transaction: a rollback takes the new generation back with it.
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(_BUMP_SQL)
        return execute(sql, params, many, context)
    result = execute(sql, params, many, context)
    with connection.cursor() as cursor:
        cursor.execute(_BUMP_SQL)
    return result


_tables_seen: set[str] = set()


def _generation_table_exists(connection) -> bool:
    """False only while the database is being migrated up to the table."""
    if connection.alias not in _tables_seen:
        if GENERATION_TABLE not in connection.introspection.table_names():
            return False
        _tables_seen.add(connection.alias)
    return True


def watch_connection(sender, connection, **kwargs) -> None:
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_writes)


def watch_writes() -> None:
    """Move the generation on with every write, on every connection (CommonConfig.ready)."""
    connection_created.connect(watch_connection, dispatch_uid="page-cache-watch-writes")
    for connection in connections.all(initialized_only=True):
        watch_connection(None, connection)


# SECTION marking and serving

# Views (functions, or class-based views' classes) whose pages may be kept for visitors.
_views: set = set()


def kept_for_visitors(view):
    """Register ``view``: the generation is read before it runs for a visitor, so that the
    page it makes can be kept (if it says so with ``cache_for_visitors``). Usable as a
    decorator on a view class or function."""
    _views.add(view)
    return view


# Views whose requests something prepares before they run (registered by the apps that own
# them), keyed like ``_views``.
_preparers: dict = {}


def prepare_requests_for(view, prepare) -> None:
    """Call ``prepare(request, view_args, view_kwargs)`` before ``view`` runs, for every request not
    served a kept visitor page: for a view that can find what it reads first in reads kept
    under the generation (``kept_read``), once the generation is read before it."""
    _preparers[view] = prepare


def cache_for_visitors(response: HttpResponse) -> HttpResponse:
    """Mark ``response`` as the same for every visitor who is not signed in."""
    response.cache_for_visitors = True
    return response


def _key(request) -> str:
    address = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            # An htmx request may be answered with a part of the page instead of all of it.
            request.headers.get("HX-Request", ""),
        )
    )
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def _qualifies(request) -> bool:
    # Any cookie but these may carry a visitor's own state into the page (a session, a
    # pending message, an answer to "was this helpful?"): such a visitor gets a page of
    # their own.
    shared = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= shared


def _without_csrf_tokens(content: bytes, request) -> bytes:
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content

    def placeholder(match):
        token = match.group(0).decode()
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token) == secret else match.group(0)

    return _CANDIDATE_TOKEN.sub(placeholder, content)


class VisitorPageCacheMiddleware:
    """Serves and keeps visitor pages (see the module's docstring). Placed after the
    middleware that reads the language and the CSRF cookie, so the key and the token are
    known; everything before it still adds its headers to a page served from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._keepable(request, response):
            kept = self._kept(request, response, request.page_generation)
            cache.set(request.page_cache_key, kept, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            return self._before_view(request, view_func, view_args, view_kwargs)
        except db.Error as error:
            # What reads the database here is not the view's: a database that refused or
            # cannot be reached gets the same 503 "try again" as in a view, not a bare 500.
            refusal = database_refusal(request, error)
            if refusal is None:
                raise
            return refusal

    def _before_view(self, request, view_func, view_args, view_kwargs):
        # Only the registered views' pages are looked for (other addresses cost nothing), and
        # the generation is read before the view reads anything: a page made now is at least
        # this new.
        view = getattr(view_func, "view_class", view_func)
        if view in _views and _qualifies(request):
            request.page_generation = current_generation()
            request.page_cache_key = _key(request)
            kept = cache.get(request.page_cache_key)
            if kept is not None and kept["generation"] == request.page_generation:
                return self._served(request, kept)
        prepare = _preparers.get(view)
        if prepare is not None:
            prepare(request, view_args, view_kwargs)
        return None

    @staticmethod
    def _keepable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            getattr(response, "cache_for_visitors", False)
            and hasattr(request, "page_cache_key")
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.modified)
        )

    @staticmethod
    def _kept(request, response, generation: int) -> dict:
        # Compressed: a page is a tenth of its size, and a worker's memory holds many pages.
        content = zlib.compress(_without_csrf_tokens(response.content, request), 1)
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("content-length", "set-cookie")
        }
        return {"generation": generation, "content": content, "headers": headers}

    @staticmethod
    def _served(request, kept: dict) -> HttpResponse:
        content = zlib.decompress(kept["content"])
        if CSRF_PLACEHOLDER in content:
            # This visitor's own token (get_token also makes sure they get the cookie).
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in kept["headers"].items():
            response[name] = value
        # The page made afresh varies on the cookie (the session middleware said so after
        # this middleware kept it): a cache in front must not give it to a member either.
        patch_vary_headers(response, ("Cookie",))
        return response


# SECTION fragments shared by members

FRAGMENT_PREFIX = "member-fragment:"


def member_fragment_key(request, name: str, *, viewer_marks) -> str:
    """The cache key of a part of a member's page that every member with the same
    ``viewer_marks`` sees alike: kept under the generation (read now, if the view did not
    read it yet: call this, or ``generation_for``, before reading what the part shows),
    the address and the language, like a visitor's page.

    ``viewer_marks`` holds everything of the viewer's that the part shows: the outcome of
    each permission check its buttons ask (not the rules behind them, so that a new rule
    cannot slip past the key), their votes and what they follow. Two members get the same
    part only when all of it is equal; the CSRF token is the only per-member difference
    left, and it is put in as the part is served (``member_fragment``)."""
    address = "\n".join(
        (
            str(generation_for(request)),
            name,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("HX-Request", ""),
            repr(viewer_marks),
        )
    )
    return FRAGMENT_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def shared_fragment_key(request, name: str, marks) -> str | None:
    """``member_fragment_key`` for a part of a member's page that may be made once for every
    member who sees it alike; None when it is this member's alone: on a form sent back with
    its errors (not a GET), or when ``marks()``, asked only for a GET, returns None."""
    if request.method != "GET":
        return None
    viewer_marks = marks()
    if viewer_marks is None:
        return None
    return member_fragment_key(request, name, viewer_marks=viewer_marks)


def kept_fragment(request, key: str) -> str | None:
    """The part kept under ``key``, with this member's own CSRF token put in, or None."""
    kept = cache.get(key)
    if kept is None:
        return None
    if CSRF_PLACEHOLDER_TEXT in kept:
        kept = kept.replace(CSRF_PLACEHOLDER_TEXT, get_token(request))
    return kept


def keep_fragment(request, key: str, content: str) -> None:
    """Keep a part just made, without the member's CSRF token (``kept_fragment`` puts each
    member's own in)."""
    shared = _without_csrf_tokens(content.encode(), request).decode()
    cache.set(key, shared, settings.PAGE_CACHE_SECONDS)


# SECTION reads kept under the generation

READ_PREFIX = "kept-read:"


def kept_read(request, name: str, make, *keys):
    """``make()``, kept under the page generation for every request that asks with the same
    ``name`` and ``keys``: for content every viewer it is asked for sees alike. ``keys``
    must name all it depends on (the reader's language, where it shows titles in it). Each
    request gets its own copy. A request that has not read the generation (staff's pages
    are made afresh) gets it made: reading it only for this would cost the query it saves."""
    if not hasattr(request, "page_generation"):
        return make()
    address = "\n".join((str(generation_for(request)), name, *map(str, keys)))
    key = READ_PREFIX + hashlib.sha256(address.encode()).hexdigest()
    kept = cache.get(key)
    if kept is not None:
        return pickle.loads(zlib.decompress(kept))  # noqa: S301 (our own, as the cache's are)
    value = make()
    # Compressed, as kept pages are: a worker's memory holds many.
    cache.set(key, zlib.compress(pickle.dumps(value), 1), settings.PAGE_CACHE_SECONDS)
    return value
