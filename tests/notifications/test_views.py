"""The list at /notifications/, the bell, settings, unsubscribe links and follow buttons."""

import pytest
from django.core import signing
from django.test import Client
from taggit.models import Tag

from community.moderation.services import content_hide
from community.notifications import emails, registry, services, unsubscribe
from community.notifications.enums import Channel, KindGroup
from community.notifications.models import (
    Follow,
    MailPreference,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from qa.enums import NotificationGroup, NotificationKind

pytestmark = pytest.mark.django_db


def _notify(user, count=1, *, actor=None):
    for number in range(count):
        services.notify(
            kind=NotificationKind.ANSWER_ON_MY_QUESTION,
            event_key=f"answer:{number}",
            recipients=[user],
            actor=actor,
            url=f"/questions/1/q/#answer-{number}",
            text=f"Question number {number}",
        )
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


# SECTION the list and the bell


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [1, 50])
def test_the_list_shows_newest_first_with_the_same_queries_for_1_and_50(
    client, customer, user_factory, count, django_assert_max_num_queries
):
    _notify(customer, count, actor=user_factory(display_name="Bram the Helper"))
    client.force_login(customer)

    # Session, user, the page's count and rows, the bell's count; the header's own (admin
    # permissions, site navigation, open moderation warnings): none per notification.
    with django_assert_max_num_queries(10):
        response = client.get("/notifications/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="notification notification--unread"') == min(count, 20)
    first = html.index("Question number")
    assert html[first:].startswith(f"Question number {count - 1}")
    assert "Bram the Helper" in html
    assert f"Notifications, {count} unread" in html


def test_the_list_is_paged(client, customer):
    _notify(customer, 25)
    client.force_login(customer)

    html = client.get("/notifications/?page=2").content.decode()

    assert html.count('class="notification ') == 5


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(client, customer):
    [notification] = _notify(customer)
    client.force_login(customer)

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/questions/1/q/#answer-0"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "Notifications, 0 unread" in client.get("/notifications/").content.decode()


def test_other_members_notifications_are_not_found(client, customer, user_factory):
    [notification] = _notify(user_factory())
    client.force_login(customer)

    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 404
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_one_read_with_htmx_swaps_the_item(client, customer):
    first, second = _notify(customer, 2)
    client.force_login(customer)

    response = client.post(f"/notifications/{first.pk}/read/", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in html
    assert "notification--unread" not in html
    # The header's bell is swapped too (out of band): one unread left.
    assert 'hx-swap-oob="true"' in html
    assert "Notifications, 1 unread" in html
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_marking_one_read_without_javascript_goes_back_to_the_list(client, customer):
    [notification] = _notify(customer)
    client.force_login(customer)

    response = client.post(f"/notifications/{notification.pk}/read/", {"page": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/notifications/?page=1"


def test_mark_all_read_clears_the_bell(client, customer):
    _notify(customer, 3)
    client.force_login(customer)
    assert "Notifications, 3 unread" in client.get("/").content.decode()

    response = client.post("/notifications/read-all/", follow=True)

    html = response.content.decode()
    assert "Everything is marked as read." in html
    assert "Notifications, 0 unread" in html
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_bell_counts_new_notifications_at_once(client, customer, user_factory):
    client.force_login(customer)
    assert "Notifications, 0 unread" in client.get("/").content.decode()  # cached now

    _notify(customer, 2, actor=user_factory())

    html = client.get("/").content.decode()
    assert "Notifications, 2 unread" in html
    assert 'class="notification-bell__count" aria-hidden="true">2<' in html


def test_visitors_see_no_bell_and_pay_no_query_for_it(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/questions/").content.decode()

    assert "notification-bell" not in html
    assert not any("notifications_notification" in query["sql"] for query in queries)


# SECTION settings


def test_the_settings_page_shows_the_defaults(client, customer):
    client.force_login(customer)

    html = client.get("/notifications/settings/").content.decode()

    assert "Answers and comments on my questions" in html
    form = client.get("/notifications/settings/").context["form"]
    assert form["channel_my_questions"].value() == Channel.IMMEDIATE
    assert form["channel_following"].value() == Channel.DAILY
    assert form["mail_help_request"].value() is False


def _settings_post(**changes):
    values = {f"channel_{group}": Channel.IMMEDIATE for group in registry.group_keys()}
    values |= {"help_requests_per_week": "1", "mail_weekly_cap": "10"}
    values |= changes
    return values


def test_saving_settings_changes_delivery(client, customer):
    client.force_login(customer)

    response = client.post(
        "/notifications/settings/",
        _settings_post(channel_following=Channel.WEEKLY, mail_help_request="on"),
        follow=True,
    )

    assert "Your notification settings are saved." in response.content.decode()
    assert (
        NotificationPreference.objects.get(user=customer, group=KindGroup.FOLLOWING).channel
        == Channel.WEEKLY
    )
    switches = NotificationSettings.objects.get(user=customer)
    assert MailPreference.objects.get(user=customer, kind="help_request").enabled is True
    assert switches.help_requests_per_week == 1


def test_bad_settings_are_refused_with_a_message_and_the_choices_kept(client, customer):
    client.force_login(customer)

    response = client.post(
        "/notifications/settings/",
        _settings_post(channel_mentions="hourly", channel_following=Channel.WEEKLY),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in html
    assert response.context["form"]["channel_following"].value() == Channel.WEEKLY
    assert not NotificationPreference.objects.exists()


def test_the_settings_page_needs_signing_in(client):
    assert client.get("/notifications/settings/").status_code == 302


# SECTION unsubscribe


def test_unsubscribing_works_signed_out_with_a_confirm_page(customer):
    token = unsubscribe.unsubscribe_token(user=customer, scope=NotificationGroup.MY_QUESTIONS)
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Answers and comments on my questions" in page.content.decode()
    assert not NotificationPreference.objects.exists()

    # What a mail program's one-click button sends (RFC 8058): no cookie, no CSRF token.
    done = browser.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})

    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    assert (
        NotificationPreference.objects.get(
            user=customer, group=NotificationGroup.MY_QUESTIONS
        ).channel
        == Channel.ON_SITE
    )


def test_a_tampered_unsubscribe_link_is_refused(client, customer, user_factory):
    other = user_factory()
    token = unsubscribe.unsubscribe_token(user=customer, scope=unsubscribe.UNSUBSCRIBE_ALL)
    payload, signature = token.rsplit(":", 1)
    forged = signing.dumps({"user": other.pk, "scope": "all"}, salt="wrong salt")

    for bad in (f"{payload}:{signature[:-2]}xx", forged, "nonsense"):
        response = client.post(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not NotificationSettings.objects.filter(email_paused=True).exists()


def test_the_all_e_mail_link_stops_every_e_mail_and_pending_digests(customer):
    _notify(customer)
    Notification.objects.update(delivery=Channel.DAILY)
    token = unsubscribe.unsubscribe_token(user=customer, scope=unsubscribe.UNSUBSCRIBE_ALL)

    Client().post(f"/notifications/unsubscribe/{token}/")

    assert NotificationSettings.objects.get(user=customer).email_paused is True
    assert Notification.objects.get().delivery == Channel.ON_SITE
    assert emails.digests_send_due() == 0


# SECTION follow buttons


def test_following_a_question_with_htmx_and_without(client, customer, question):
    client.force_login(customer)
    url = f"/notifications/follow/question/{question.pk}/"

    response = client.post(url, {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert "Stop following this question" in response.content.decode()
    assert Follow.objects.filter(
        user=customer, target_type="question", target_id=question.pk
    ).exists()

    response = client.post(url, {"follow": "0"})
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert not Follow.objects.exists()


def test_the_question_page_shows_the_follow_button_to_members_only(client, customer, question):
    assert "Follow this question" not in client.get(question.get_absolute_url()).content.decode()

    client.force_login(customer)
    html = client.get(question.get_absolute_url()).content.decode()

    assert "Follow this question" in html
    assert f'action="/notifications/follow/question/{question.pk}/"' in html


def test_products_and_tags_can_be_followed(client, customer, product):
    tag = Tag.objects.create(name="Sizing", slug="sizing")
    client.force_login(customer)

    assert "Follow this product" in client.get(product.url).content.decode()
    assert "Follow this tag" in client.get("/questions/?tag=sizing").content.decode()
    client.post(f"/notifications/follow/product/{product.pk}/", {"follow": "1"})
    client.post(f"/notifications/follow/tag/{tag.pk}/", {"follow": "1"})

    assert Follow.objects.filter(
        user=customer, target_type="product", target_id=product.pk
    ).exists()
    assert Follow.objects.filter(user=customer, target_type="tag", target_id=tag.pk).exists()
    assert "Stop following this product" in client.get(product.url).content.decode()


def test_visitors_pressing_follow_are_asked_to_sign_in(client, question):
    response = client.post(f"/notifications/follow/question/{question.pk}/", {"follow": "1"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_a_hidden_question_cannot_be_followed(client, customer, ask, staff_user):

    question = ask(title="A question staff will hide")
    content_hide(item=question, staff=staff_user, reason="Spam")
    client.force_login(customer)

    response = client.post(f"/notifications/follow/question/{question.pk}/", {"follow": "1"})

    assert response.status_code == 404
    assert not Follow.objects.exists()


@pytest.mark.parametrize("follow", ["1", "0"])
@pytest.mark.parametrize("htmx", [False, True])
def test_following_or_unfollowing_a_hidden_question_never_names_it(
    client, customer, ask, staff_user, follow, htmx
):
    question = ask(title="A question about the secret recall")
    services.follow_add(user=customer, target=question)
    content_hide(item=question, staff=staff_user, reason="Spam")
    client.force_login(customer)
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.post(
        f"/notifications/follow/question/{question.pk}/", {"follow": follow}, headers=headers
    )

    assert response.status_code == 404
    assert "Location" not in response
    assert "secret recall" not in response.content.decode()
    assert "secret-recall" not in response.content.decode()
    assert list(response.wsgi_request._messages) == []


@pytest.mark.parametrize("follow", ["1", "0"])
def test_following_or_unfollowing_a_hidden_forum_topic_is_not_found(
    client, customer, user_factory, start_topic, staff_user, follow
):
    topic = start_topic(author=user_factory(), title="A topic about the secret recall")
    content_hide(item=topic, staff=staff_user, reason="Spam")
    client.force_login(customer)

    response = client.post(f"/notifications/follow/topic/{topic.pk}/", {"follow": follow})

    assert response.status_code == 404
    assert "Location" not in response


def test_the_author_of_a_hidden_question_may_still_unfollow_it(client, ask, asker, staff_user):
    question = ask(title="My own hidden question")
    content_hide(item=question, staff=staff_user, reason="Spam")
    client.force_login(asker)

    response = client.post(f"/notifications/follow/question/{question.pk}/", {"follow": "0"})

    assert response.status_code == 302
    assert not Follow.objects.filter(user=asker, target_id=question.pk).exists()


def test_unknown_follow_targets_are_not_found(client, customer):
    client.force_login(customer)

    assert client.post("/notifications/follow/user/1/", {"follow": "1"}).status_code == 404
    assert client.post("/notifications/follow/tag/999/", {"follow": "1"}).status_code == 404


def test_follows_are_listed_on_the_settings_page(client, customer, question):
    services.follow_add(user=customer, target=question)
    client.force_login(customer)

    html = client.get("/notifications/settings/").content.decode()

    assert question.title in html


def test_forum_follows_stay_off_the_settings_list(client, customer, user_factory, start_topic):
    topic = start_topic(author=user_factory(), title="A topic followed in the forum")
    services.follow_add(user=customer, target=topic)
    client.force_login(customer)

    html = client.get("/notifications/settings/").content.decode()

    assert "A topic followed in the forum" not in html
    assert "You follow nothing yet." in html


def test_follows_go_when_what_they_follow_is_deleted(customer, question, start_topic, board):
    topic = start_topic(author=customer)  # the author follows it
    services.follow_add(user=customer, target=question)
    services.follow_add(user=customer, target=board)

    question.delete()
    topic.delete()
    board.delete()

    assert not Follow.objects.exists()


@pytest.mark.parametrize("follow_count", [1, 20])
def test_the_settings_page_queries_do_not_grow_with_follows(
    client, customer, ask, follow_count, django_assert_max_num_queries
):
    for number in range(follow_count):
        question = ask(title=f"Followed question number {number}")
        services.follow_add(user=customer, target=question)
    client.force_login(customer)

    # Session, user, preferences, switches, follows; the header's own queries.
    with django_assert_max_num_queries(12):
        response = client.get("/notifications/settings/")

    assert response.content.decode().count("Followed question number") == follow_count


def test_the_unsubscribe_page_is_cheap(customer, django_assert_max_num_queries):
    token = unsubscribe.unsubscribe_token(user=customer, scope=KindGroup.MENTIONS)

    with django_assert_max_num_queries(6):
        response = Client().get(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 200


def test_unsubscribing_from_help_requests_stops_the_requests(customer):
    services.notification_settings_save(
        user=customer,
        channels={},
        email_paused=False,
        help_requests_per_week=1,
        mail_kinds={"help_request": True},
    )
    token = unsubscribe.unsubscribe_token(user=customer, scope=KindGroup.HELP_REQUESTS)

    Client().post(f"/notifications/unsubscribe/{token}/")

    assert MailPreference.objects.get(user=customer, kind="help_request").enabled is False
