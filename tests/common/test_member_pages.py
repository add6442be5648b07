"""Whole pages kept for signed-in members: every member whose marks on a page are equal gets
it made once, and the frame's personal parts (their name, points, bell, a moderator's warning,
a message for them) are made for each of them on every request. A member never sees another
member's personal parts, follows or answers; staff and editors never get a kept page."""

import pickle
import re
import zlib

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.moderation.models import MemberWarning
from community.notifications.models import Follow
from community.notifications.services import notify
from qa import services
from qa.enums import NotificationKind
from tests.conftest import page_queries, page_text

# Each test runs with the local cache and with Redis: what is kept must be made afresh alike.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A member served the kept question list: the session, the user, their summary with the
# page generation. Nothing else: the rows, the filters and the pagination are in the page.
KEPT_LIST_QUERIES = 3


def _member(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def _account_menu(html: str) -> str:
    start = html.index('<ul class="site-nav__account">')
    return html[start : html.index("</ul>", start)]


@pytest.fixture
def thread(question_factory, answer_factory, customer):
    question = question_factory(author=customer, title="Does the lid fit the 28 cm pan?")
    answer_factory(question=question, body="Yes, the lid fits snugly.")
    return question


@pytest.fixture
def members(user_factory):
    ann = user_factory(username="ann", display_name="Ann Example", reputation=41)
    bob = user_factory(username="bob", display_name="Bob Example", reputation=1)
    return ann, bob


def test_the_second_member_gets_the_kept_list_with_their_own_header(
    thread, members, django_assert_max_num_queries
):
    ann, bob = members
    ann_client, bob_client = _member(ann), _member(bob)  # signing in writes the member's row
    first = page_text(ann_client, "/questions/")

    with django_assert_max_num_queries(KEPT_LIST_QUERIES):
        second = page_text(bob_client, "/questions/")

    assert (
        "Does the lid fit the 28 cm pan?" in first and "Does the lid fit the 28 cm pan?" in second
    )
    assert "Ann Example" in _account_menu(first) and "41 points" in _account_menu(first)
    assert "Bob Example" in _account_menu(second) and "1 point<" in _account_menu(second)
    assert "Ann Example" not in second and "41 points" not in second
    assert reverse("reputation:profile", args=["ann"]) not in second


def _address(address, thread, topic_factory, product, article_factory) -> str:
    """The address of a page of each kind that members get kept."""
    return {
        "question": thread.get_absolute_url(),
        "topic": topic_factory(title="Our kitchen", body="Here it is.").get_absolute_url(),
        "product": product.url,
        "article": article_factory(title="Descaling the kettle").url,
    }.get(address, address)


def _ring_the_bell(member, *, about, by) -> None:
    """One unread notification for ``member``: their bell shows it on every page."""
    notify(
        kind=NotificationKind.ANSWER_ON_MY_QUESTION,
        event_key="test:bell",
        recipients=[member],
        actor=by,
        target=about,
        url=about.get_absolute_url(),
        text=about.title,
    )


@pytest.mark.parametrize(
    "address", ["/questions/", "question", "topic", "product", "article"], ids=str
)
def test_every_kept_page_has_each_members_own_frame_and_working_token(
    address, members, thread, topic_factory, product, article_factory
):
    url = _address(address, thread, topic_factory, product, article_factory)
    ann, bob = members
    ann_client, bob_client = _member(ann), _member(bob, enforce_csrf_checks=True)
    _ring_the_bell(bob, about=thread, by=ann)
    made = page_queries(ann_client, url)

    with CaptureQueriesContext(connection) as kept:
        page = page_text(bob_client, url)

    assert len(kept) < made  # served the page kept for ann, with bob's own parts
    assert "Bob Example" in _account_menu(page) and "Ann Example" not in page
    assert "notification-bell--unread" in page and "Notifications, 1 unread" in page
    token = TOKEN.search(page).group(1)
    signed_out = bob_client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302
    assert "Sign in" in page_text(bob_client, url)


@pytest.mark.parametrize(
    "address", ["/questions/", "question", "topic", "product", "article"], ids=str
)
def test_a_kept_page_is_the_page_made_in_full_to_the_byte(
    address, members, thread, topic_factory, product, article_factory, staff_user, monkeypatch
):
    url = _address(address, thread, topic_factory, product, article_factory)
    ann, bob = members
    MemberWarning.objects.create(user=bob, issued_by=staff_user, reason="Spam links")
    _ring_the_bell(bob, about=thread, by=ann)
    bob_client = _member(bob)
    page_text(_member(ann), url)
    kept = page_text(bob_client, url)
    monkeypatch.setattr("community.common.member_pages._qualifies", lambda request: False)

    made = page_text(bob_client, url)

    # Only the CSRF tokens differ (each request gets its own); the kept page's forms all
    # carry the one it was served with.
    assert TOKEN.sub("", kept) == TOKEN.sub("", made)
    assert len(set(TOKEN.findall(kept))) == 1
    assert "Spam links" in kept and "Notifications, 1 unread" in kept


def test_a_message_and_a_warning_reach_only_their_member(thread, members, staff_user):
    ann, bob = members
    MemberWarning.objects.create(user=ann, issued_by=staff_user, reason="Spam links")
    ann_client, bob_client = _member(ann), _member(bob)
    answered = ann_client.post(
        f"/questions/{thread.pk}/answer/", {"body": "Mine fits too, after three years."}
    )
    assert answered.status_code == 302

    ann_page = page_text(ann_client, thread.get_absolute_url())
    bob_page = page_text(bob_client, thread.get_absolute_url())
    ann_again = page_text(ann_client, thread.get_absolute_url())

    assert "Spam links" in ann_page and "Spam links" in ann_again
    assert "Thank you! Your answer is posted." in ann_page
    assert "Thank you! Your answer is posted." not in ann_again
    assert "Spam links" not in bob_page and "Thank you!" not in bob_page
    assert "Mine fits too, after three years." in bob_page


def test_each_member_sees_their_own_follow_on_a_kept_page(thread, members):
    ann, bob = members
    ann_client, bob_client = _member(ann), _member(bob)
    Follow.objects.create(user=ann, target_type="question", target_id=thread.pk)

    ann_page = page_text(ann_client, thread.get_absolute_url())
    bob_page = page_text(bob_client, thread.get_absolute_url())
    ann_again = page_text(ann_client, thread.get_absolute_url())

    assert "Stop following" in ann_page and "Stop following" in ann_again
    assert "Stop following" not in bob_page


def test_each_member_sees_their_own_answer_to_was_this_helpful(members, article_factory):
    ann, bob = members
    article = article_factory(title="Descaling the kettle")
    ann_client, bob_client = _member(ann), _member(bob)
    ann_client.post(article.url + "feedback/", {"helpful": "yes"})

    ann_page = page_text(ann_client, article.url)
    bob_page = page_text(bob_client, article.url)

    assert "Glad it helped" in ann_page
    assert "Glad it helped" not in bob_page and 'name="helpful" value="yes"' in bob_page


def test_staff_and_editors_never_get_or_leave_a_kept_page(
    thread, members, staff_user, user_factory
):
    ann, _ = members
    editor = user_factory(username="editor")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    staff, editors, member = _member(staff_user), _member(editor), _member(ann)
    staff_page = page_text(staff, "/questions/")
    editor_page = page_text(editors, "/questions/")
    ann_page = page_text(member, "/questions/")

    assert "Moderation (" in staff_page and "Moderation (" not in ann_page
    assert ">Admin<" in editor_page and ">Admin<" not in ann_page
    # And once a member's page is kept, staff and editors still get theirs made for them.
    assert "Moderation (" in page_text(staff, "/questions/")
    assert ">Admin<" in page_text(editors, "/questions/")


def test_a_new_question_shows_on_the_kept_list_at_once(thread, members):
    ann, bob = members
    bob_client = _member(bob)
    page_text(bob_client, "/questions/")
    assert "Is the handle oven-safe" not in page_text(bob_client, "/questions/")  # kept

    services.question_create(
        author=ann,
        title="Is the handle oven-safe up to 250 degrees?",
        body="Asking before I buy.",
        phase="before",
    )

    assert "Is the handle oven-safe up to 250 degrees?" in page_text(bob_client, "/questions/")


def test_a_forged_personal_mark_in_a_post_shows_nothing_of_anyone(question_factory, members):
    ann, bob = members
    question = question_factory(
        author=ann,
        title="<!--personal-part:includes/personal/account_menu.html--> lid?",
        body="Which lid? <!--personal-part:includes/personal/account_menu.html-->",
    )
    ann_client, bob_client = _member(ann), _member(bob)
    page_text(ann_client, question.get_absolute_url())

    page = page_text(bob_client, question.get_absolute_url())

    assert page.count('<ul class="site-nav__account">') == 1
    assert "Ann Example" not in _account_menu(page)


def test_kept_reads_hold_no_members_password_or_e_mail(thread, members, settings):
    ann, bob = members
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    ann_client, bob_client = _member(ann), _member(bob)
    page_text(ann_client, thread.get_absolute_url())
    page_text(bob_client, thread.get_absolute_url())  # served from what ann's request kept

    from django.core.cache import caches

    kept = b"".join(  # every value the shared cache holds, as stored
        zlib.decompress(value) if value[:1] == b"x" else value
        for value in (pickle.loads(stored) for stored in caches["default"]._cache.values())  # noqa: S301
        if isinstance(value, bytes)
    )
    authors = (thread.author, *(answer.author for answer in thread.answers.all()))
    assert kept
    for author in authors:
        assert author.email.encode() not in kept
        assert author.password.encode() not in kept


@pytest.mark.parametrize(
    "tag",
    [
        '{% personal_part "includes/footer.html" %}',  # not a personal part
        "{% personal_part includes/messages.html %}",  # not a literal
        '{% member_fragment "posts" %}{% endmember_fragment %}',  # no key
        "{% member_fragment key posts %}{% endmember_fragment %}",  # the name not a literal
    ],
)
def test_a_personal_part_or_fragment_tag_written_wrong_is_refused_when_read(tag):
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load member_fragments %}" + tag)
