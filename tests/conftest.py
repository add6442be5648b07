"""Fixtures every test may use. Factories take keyword options and make only what is asked.

Fixtures that several test folders share live here; a folder's own conftest keeps what only
that folder uses.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone, translation
from PIL import Image

from community.accounts.models import User

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)
_orders = itertools.count(1)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a file of this run's own instead of shared-cache memory.

    Threads of a shared-cache memory database lock each other out at once ("database table
    is locked") instead of waiting, so tests of concurrent writes could not run on it. The
    file is named after the process, so simultaneous test runs never share it.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = os.path.join(tempfile.gettempdir(), f"community-test-{os.getpid()}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name


def _sqlite_test_database() -> str | None:
    """The file this run tests in, when the database is SQLite."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return database.get("TEST", {}).get("NAME")


def _migrated_template() -> Path:
    """Where a freshly migrated SQLite test database is kept, named after every migration
    file of every installed app: a run whose migrations are all the same copies it instead
    of migrating an empty database again (half a minute)."""
    import hashlib

    from django.apps import apps

    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        folder = Path(app.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    name = f"community-test-template-{digest.hexdigest()[:16]}.sqlite3"
    return Path(tempfile.gettempdir()) / name


_from_template: list[str] = []  # the test database, when it was copied from the template


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings) -> bool:
    """Keep (and so do not recreate) the test database when it was copied from the template;
    ``--reuse-db`` works as pytest-django documents."""
    if request.config.getvalue("reuse_db"):
        return True
    test_database = _sqlite_test_database()
    template = _migrated_template() if test_database else None
    if template is None or not template.exists():
        return False
    shutil.copyfile(template, test_database)
    _from_template.append(test_database)
    return True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill Django's content-type cache once, as a running site has it after its first
    request: a page's query count then does not depend on which test ran first.

    On SQLite, a database migrated from empty is kept as the template of later runs; one
    copied from it is removed at the end, as pytest-django removes the ones it creates.
    """
    import sqlite3

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    test_database = _sqlite_test_database()
    if test_database and not _from_template and not _migrated_template().exists():
        template = _migrated_template()
        partial = template.with_suffix(f".{os.getpid()}.partial")
        with sqlite3.connect(test_database) as source, sqlite3.connect(partial) as copy:
            source.backup(copy)
        os.replace(partial, template)
    with django_db_blocker.unblock():
        ContentType.objects.get_for_models(*apps.get_models())
        _keep_what_the_migrations_made()
    yield
    if _from_template:
        from django.db import connections

        connections.close_all()
        Path(_from_template.pop()).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test gets its own media folder, an empty cache (rate limits live there) and the
    site's default language (a request in Dutch leaves Dutch active in its thread)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


# Redis for the tests that run with each cache: a database number of each test process's own
# (two processes under ``make test-quick``), apart from the 11 and 12 of test_redis_cache.py and
# tests/deploy, and the fault drills' 13.
_REDIS_TEST_DATABASE = 14


def redis_answers() -> bool:
    """Whether a Redis listens on 127.0.0.1:6379."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def redis_cache_settings(location: str) -> dict:
    """``CACHES`` for the site's Redis cache at ``location``, with short timeouts."""
    return {
        "default": {
            "BACKEND": "community.common.redis_cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "community-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture(params=["local memory", "Redis"])
def each_cache(request):
    """The test runs twice: with the local cache (the embedded default) and with Redis as a
    site with ``REDIS_URL`` has it (sessions cached there too). Where Redis does not answer
    the Redis run is skipped, except in CI, where it fails."""
    if request.param == "local memory":
        yield request.param
        return
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379.")
        pytest.skip("Redis does not answer on 127.0.0.1:6379.")
    process = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    database = _REDIS_TEST_DATABASE + int(process or 0)
    if database > 15:  # Redis has 16 databases unless told otherwise
        pytest.skip("Redis databases 14 and 15 serve the first two test processes.")
    with override_settings(
        CACHES=redis_cache_settings(f"redis://127.0.0.1:6379/{database}"),
        SESSION_ENGINE="community.accounts.sessions.cached_db",
    ):
        cache.clear()
        yield request.param
        cache.clear()
        caches["default"].close()


@pytest.fixture
def user_factory(db):
    def make(
        *,
        username: str | None = None,
        email: str | None = None,
        verified: bool = True,
        is_staff: bool = False,
        is_superuser: bool = False,
        password: str = PASSWORD,
        **fields,
    ) -> User:
        n = next(_counter)
        username = username or f"member{n}"
        email = email or f"{username}@example.com"
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_staff=is_staff,
            is_superuser=is_superuser,
            **fields,
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def customer(user_factory):
    return user_factory(username="customer")


@pytest.fixture
def staff_user(user_factory):
    return user_factory(username="staffer", is_staff=True)


@pytest.fixture
def customer_client(client, customer):
    client.force_login(customer)
    return client


def image_upload(
    *,
    name: str = "photo.jpg",
    size: tuple[int, int] = (640, 480),
    image_format: str = "JPEG",
    exif: bytes | None = None,
    color: str = "teal",
) -> SimpleUploadedFile:
    """A real image file as a browser would upload it."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, format=image_format, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


@pytest.fixture
def anonymous():
    """A second browser that never signs in (``client`` is the signed-in one in many tests)."""
    return Client()


# SECTION the demo site, loaded once per test session


@dataclass(frozen=True)
class DemoSite:
    """The demo as `manage.py seed_demo` made it for this test session."""

    output: str  # what seeding printed
    media_root: Path  # the pictures, manuals and photos it wrote
    emails_sent: int  # e-mails that went out while seeding (the demo is not news: none)


def _development_rules() -> dict:
    """The settings the demo is seeded under, as in development: the test settings relax
    the trust rules and the vote-down threshold, which would change what the demo holds."""
    from community.settings import base

    return {
        name: getattr(base, name)
        for name in (
            "REPUTATION_PRIVILEGE_THRESHOLDS",
            "MODERATION_HOLD_FIRST_POSTS",
            "MODERATION_HOLD_LINKS_AT",
            "MODERATION_HOLD_DUPLICATES",
            "MODERATION_RATE_LIMITS",
            "MODERATION_RATE_VOTE",
            "TRUST_STANDING_MIN_AGE_DAYS",
        )
    }


_demo_transaction_end = []  # what ends the demo's transaction, while it is open


@pytest.fixture(scope="session")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed the demo once, in a transaction kept open while the tests on it run.

    Those tests run one after the other (see ``pytest_collection_modifyitems``), each in its
    own savepoint of this transaction, so what one test changes is undone before the next;
    after the last of them the demo is rolled back (``pytest_runtest_teardown``), before
    any test that commits for real.
    """
    from django.core import mail
    from django.db import transaction
    from django.test.utils import override_settings

    from demo.loader import demo_seed

    media_root = tmp_path_factory.mktemp("demo-media")
    output = io.StringIO()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()

    def end() -> None:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    _demo_transaction_end.append(end)
    mail.outbox = []
    try:
        with django_db_blocker.unblock():
            cache.clear()
            with override_settings(MEDIA_ROOT=media_root, **_development_rules()):
                demo_seed(output)
    except BaseException:
        _demo_transaction_end.pop()()
        raise
    yield DemoSite(output=output.getvalue(), media_root=media_root, emails_sent=len(mail.outbox))
    while _demo_transaction_end:
        _demo_transaction_end.pop()()


@pytest.fixture
def demo_site(_demo_loaded, db, _isolated, settings) -> DemoSite:
    """The demo site (members, catalogue, questions, forum, reviews, knowledge base...),
    seeded once per session; its files are copied into this test's media folder."""
    if not _demo_transaction_end:
        pytest.fail("The demo was rolled back already: tests on it must run one after another.")
    shutil.copytree(_demo_loaded.media_root, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return _demo_loaded


# What the migrations made (the site, its home page, the staff groups), serialized once.
MIGRATED_ROWS: dict[str, str] = {}


def _keep_what_the_migrations_made() -> None:
    """Serialize the rows the migrations made, for the tests that commit (the browser
    tests) to start from: see ``migrated_rows_restored``."""
    from django.db import connections

    for connection in connections.all():
        MIGRATED_ROWS[connection.alias] = (
            getattr(connection, "_test_serialized_contents", None)
            or connection.creation.serialize_db_to_string()
        )


@pytest.fixture(autouse=True)
def migrated_rows_restored():
    """Give a serialized rollback (the browser tests, tests that commit) the rows the migrations
    made before it runs: the copy pytest-django keeps on the connection was not always there
    for it (after a test in a rolled-back transaction, the second browser test found an empty
    database)."""
    from django.db import connections

    for alias, rows in MIGRATED_ROWS.items():
        connections[alias]._test_serialized_contents = rows


def _uses_demo(item) -> bool:
    return "demo_site" in getattr(item, "fixturenames", ())


def _database_use(item) -> int:
    """0: in a transaction rolled back after the test; 1: commits for real (the database is
    emptied after it); 2: no database (pytest-django's order)."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return 1
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests on the demo run together, after the other tests in a rolled-back
    transaction and before those that commit: the demo stays loaded from the first of them
    to the last, and no other test sees it."""
    items.sort(key=lambda item: (_database_use(item), _uses_demo(item)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test on the demo, roll the demo back."""
    result = yield
    if _uses_demo(item) and (nextitem is None or not _uses_demo(nextitem)):
        while _demo_transaction_end:
            _demo_transaction_end.pop()()
    return result


# SECTION shared factories: forum, questions and answers, purchases and reviews


@pytest.fixture
def board_factory(db):
    from forum.models import Board

    def make(*, name=None, slug=None, is_showcase=False, sort_order=0, description=""):
        count = Board.objects.count() + 1
        name = name or f"Board {count}"
        return Board.objects.create(
            name=name,
            slug=slug or f"board-{count}",
            is_showcase=is_showcase,
            sort_order=sort_order,
            description=description,
        )

    return make


@pytest.fixture
def board(board_factory):
    return board_factory(name="Tips and tricks", slug="tips")


@pytest.fixture
def topic_factory(user_factory, board_factory):
    from forum import services as forum_services

    def make(
        *,
        board=None,
        author=None,
        title=None,
        body="This is how I did it.",
        product=None,
        replies=0,
        photos=(),
    ):
        author = author or user_factory()
        topic = forum_services.topic_create(
            board=board or board_factory(),
            author=author,
            title=title or f"A topic started by member {author.pk}",
            body=body,
            product=product,
            photos=list(photos),
        )
        for number in range(replies):
            forum_services.reply_create(
                topic=topic, author=user_factory(), body=f"Reply number {number + 1}."
            )
        topic.refresh_from_db()
        return topic

    return make


@pytest.fixture
def reply_factory(user_factory):
    from forum import services as forum_services

    def make(*, topic, author=None, body="Nice, thanks for sharing!", photos=()):
        return forum_services.reply_create(
            topic=topic, author=author or user_factory(), body=body, photos=list(photos)
        )

    return make


@pytest.fixture
def question_factory(user_factory):
    from community.common.buying_phase import Phase
    from qa import services as qa_services

    def make(
        *,
        author=None,
        title=None,
        body="Some details about it.",
        product=None,
        phase=Phase.BEFORE_PURCHASE,
        tags=(),
        answers=0,
    ):
        author = author or user_factory()
        question = qa_services.question_create(
            author=author,
            title=title or f"Does this work with the other thing, number {author.pk}?",
            body=body,
            phase=phase,
            product=product,
            tags=list(tags),
        )
        for _ in range(answers):
            qa_services.answer_create(
                question=question, author=user_factory(), body="Yes, it works well for me."
            )
        question.refresh_from_db()
        return question

    return make


@pytest.fixture
def answer_factory(user_factory):
    from qa import services as qa_services

    def make(*, question, author=None, body="In my experience it fits fine."):
        return qa_services.answer_create(
            question=question, author=author or user_factory(), body=body
        )

    return make


@pytest.fixture
def product_factory(db):
    """A product page under the product index (keyword options as ``make_product``)."""
    from tests.cms.factories import make_product, page_tree_ensure

    def make(**options):
        page_tree_ensure()
        return make_product(**options)

    return make


@pytest.fixture
def translate_page(db):
    """A page's Dutch translation as the admin's "Translate" makes it (its parents first),
    with ``fields`` changed, published unless ``publish=False``."""
    from wagtail.models import Locale

    def translate(page, *, publish=True, **fields):
        dutch = Locale.objects.get_or_create(language_code="nl")[0]
        copy = page.specific.copy_for_translation(dutch, copy_parents=True)
        for name, value in fields.items():
            setattr(copy, name, value)
        revision = copy.save_revision()
        if publish:
            revision.publish()
        return copy

    return translate


@pytest.fixture
def product_category_factory(db):
    """A product category, found again by the slug of its ``name``."""
    from tests.cms.factories import make_category

    def make(*, name="Cookware", sort_order=0):
        return make_category(name, sort_order=sort_order)

    return make


@pytest.fixture
def image_factory(db):
    """A small PNG in the Wagtail image library."""
    from tests.cms.factories import make_image

    def make(*, title="Product photo"):
        return make_image(title)

    return make


@pytest.fixture
def document_factory(db):
    """A PDF in the Wagtail document library, holding ``body``."""
    from tests.cms.factories import make_document

    def make(*, title="Manual", body=b"%PDF-1.4\n%%EOF\n"):
        return make_document(title, body)

    return make


@pytest.fixture
def warm_related_content(db):
    """Caches a question's or topic's related content, as any earlier visit does: the query
    budgets of those pages count the page with it cached (its cost when not cached is tested
    in tests/search/test_related_content.py)."""
    from community.search.related import related_content

    def warm(kind: str, item) -> None:
        related_content(kind, item, product_id=item.product_id)

    return warm


@pytest.fixture
def warm_site_frame(db):
    """Caches what the header shows every visitor (its section links), as any earlier visit
    to the site does: signed-in pages' query budgets count the page as members meet it."""
    from community.common.navigation import section_links

    return section_links


@pytest.fixture
def product(product_factory):
    """A live product page (with the home page and site it needs)."""
    return product_factory(title="Cast-iron skillet", sku="SKILLET-28", brand="Ferro")


@pytest.fixture
def knowledge_base(db):
    """The knowledge-base index and its section per layer: ``(index, {layer: section})``."""
    from tests.cms.kb_factories import make_knowledge_base

    return make_knowledge_base()


@pytest.fixture
def article_factory(knowledge_base):
    """An article in ``section``, by default the section of ``layer`` (keyword options as
    ``make_article``)."""
    from cms.enums import Layer
    from tests.cms.kb_factories import make_article

    def make(*, layer=Layer.AFTER_BUYING, section=None, **options):
        return make_article(section or knowledge_base[1][layer], **options)

    return make


@pytest.fixture
def kb_category_factory(db):
    """A knowledge-base category of ``layer``, found again by the slug of its ``name``."""
    from tests.cms.kb_factories import make_kb_category

    def make(*, name, layer):
        return make_kb_category(name, layer)

    return make


@pytest.fixture
def faq_factory(db):
    """An FAQ page under ``parent`` holding the (question, answer) ``pairs``."""
    from tests.cms.kb_factories import make_faq

    def make(*, parent, pairs=()):
        return make_faq(parent, *pairs)

    return make


@pytest.fixture
def purchase_factory(db):
    """A shop purchase of ``product`` by ``email``; delivered ``delivered_days_ago`` days ago
    (None: not delivered yet)."""
    from shop.models import Purchase

    def make(*, email: str, product, delivered_days_ago: float | None = 10) -> Purchase:
        now = timezone.now()
        delivered_at = None
        if delivered_days_ago is not None:
            delivered_at = now - timedelta(days=delivered_days_ago)
        return Purchase.objects.create(
            order_id=f"ORDER-{next(_orders):05d}",
            email=email.lower(),
            sku=product.sku,
            product=product,
            ordered_at=now - timedelta(days=(delivered_days_ago or 0) + 3),
            delivered_at=delivered_at,
        )

    return make


@pytest.fixture
def buyer_factory(user_factory, purchase_factory):
    """A member who bought and received ``product``."""

    def make(*, product, delivered_days_ago: float | None = 10, **fields):
        user = user_factory(**fields)
        purchase_factory(email=user.email, product=product, delivered_days_ago=delivered_days_ago)
        return user

    return make


@pytest.fixture
def review_factory(buyer_factory):
    """A published review of ``product`` by a new verified buyer (or by ``author``)."""
    from qa import services as qa_services

    def make(
        *,
        product,
        author=None,
        rating: int = 4,
        title: str = "Heats evenly",
        body: str = "I use it every day; it heats evenly and cleans up well.",
        pros: str = "",
        cons: str = "",
        photos=(),
    ):
        author = author or buyer_factory(product=product)
        return qa_services.review_create(
            author=author,
            product=product,
            rating=rating,
            title=title,
            body=body,
            pros=pros,
            cons=cons,
            photos=photos,
        )

    return make


# SECTION pages as a reader gets them, in either language

DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page_text(client, url, **headers) -> str:
    """The page at ``url`` as ``client`` gets it, which must be a 200."""
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def page_queries(client, url) -> int:
    """How many queries ``client`` getting the page at ``url`` costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page_text(client, url)
    return len(queries)


@pytest.fixture
def skillet(product_factory, translate_page):
    """A product with a live Dutch translation of its title."""
    skillet = product_factory(title="Cast-iron skillet")
    translate_page(skillet, title="Gietijzeren koekenpan")
    return skillet
