"""'Your data': a member downloads everything the site holds about them."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail

from .conftest import PERSONAL

pytestmark = pytest.mark.django_db


def _ask_for_a_copy(client, user):
    client.force_login(user)
    return client.post("/accounts/privacy/export/", follow=True)


def _link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/privacy/download/[^/\s]+/)", message.body)[1]


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_data_page_is_in_the_account_menu_and_needs_signing_in(
    client, customer, django_assert_max_num_queries
):
    assert client.get("/accounts/privacy/").status_code == 302

    client.force_login(customer)
    html = client.get("/accounts/profile/").content.decode()

    assert 'href="/accounts/privacy/"' in html
    with django_assert_max_num_queries(12):
        page = client.get("/accounts/privacy/")
    assert page.status_code == 200
    assert "E-mail me a copy of my data" in page.content.decode()


def test_a_member_gets_a_zip_with_a_json_file_per_kind_and_their_photos(client, member):
    response = _ask_for_a_copy(client, member.user)

    assert "We are putting your data together" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [PERSONAL["email"]]
    download = client.get(_link_in(message))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    archive = _archive(download)
    names = set(archive.namelist())

    def rows(kind):
        return json.loads(archive.read(f"{kind}.json"))

    [profile] = rows("profile")
    assert profile["username"] == PERSONAL["username"]
    assert profile["bio"] == PERSONAL["bio"]
    assert [row["email"] for row in rows("email_addresses")] == [PERSONAL["email"]]
    assert [row["uid"] for row in rows("social_accounts")] == ["zoe-google-uid"]
    assert [row["title"] for row in rows("questions")] == [member.question.title]
    assert [row["body"] for row in rows("answers")] == [member.answer.body]
    assert [row["body"] for row in rows("comments")] == [member.comment.body, "Buy cheap kettles!"]
    assert [row["title"] for row in rows("reviews")] == ["Boils fast"]
    assert [row["title"] for row in rows("forum_topics")] == ["My kitchen corner"]
    assert {row["body"] for row in rows("forum_posts")} >= {"Lovely tiles!"}
    assert rows("votes") and rows("votes")[0]["value"] == 1
    assert rows("follows")
    assert [row["text"] for row in rows("notifications")]
    assert [row["note"] for row in rows("reports")] == ["Looks like an advert to me"]
    assert [row["law"] for row in rows("notices")] == [""]
    assert [row["facts"] for row in rows("decisions")] == ["Advertising"]
    assert [row["text"] for row in rows("appeals")] == [
        f"I am {PERSONAL['first_name']} {PERSONAL['last_name']} and it was a joke."
    ]
    assert [row["sku"] for row in rows("purchases")] == ["SKILLET-28"]
    assert rows("reputation_events")
    assert [row["article__title"] for row in rows("articles_credited")] == [member.article.title]
    assert len(rows("photos")) == 2
    assert "files/profile/avatar.jpg" in names
    assert len([name for name in names if name.startswith("files/photos/")]) == 2


def test_the_zip_holds_nothing_of_another_member(client, member):
    _ask_for_a_copy(client, member.user)
    archive = _archive(client.get(_link_in(mail.outbox[0])))

    everything = b"".join(
        archive.read(name) for name in archive.namelist() if name.endswith(".json")
    ).decode()
    assert member.other.username not in everything
    assert member.other.email not in everything
    assert "Which filter suits the big kettle?" in everything  # the question they answered
    assert "Yes, mine does." not in everything  # the other member's answer to theirs


def test_the_link_refuses_another_member(client, customer, user_factory, export_root):
    _ask_for_a_copy(client, customer)
    link = _link_in(mail.outbox[0])

    client.force_login(user_factory())
    response = client.get(link)

    assert response.status_code == 403


def test_the_link_needs_signing_in(client, customer, export_root):
    _ask_for_a_copy(client, customer)
    link = _link_in(mail.outbox[0])
    client.logout()

    assert client.get(link).status_code == 302


def test_the_link_expires(client, customer, settings, export_root):
    _ask_for_a_copy(client, customer)
    link = _link_in(mail.outbox[0])
    assert client.get(link).status_code == 200

    # Any time at all is past a lifetime of zero hours.
    settings.PERSONAL_DATA_EXPORT_LINK_HOURS = 0
    response = client.get(link)

    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()


def test_an_altered_link_is_refused(client, customer, export_root):
    _ask_for_a_copy(client, customer)
    link = _link_in(mail.outbox[0])

    assert client.get(link.replace("/download/", "/download/x")).status_code == 410


def test_asking_too_often_is_refused_with_429(client, customer, settings, export_root):
    settings.PERSONAL_DATA_EXPORT_RATE = "2/d"
    client.force_login(customer)
    client.post("/accounts/privacy/export/")
    client.post("/accounts/privacy/export/")

    refused = client.post("/accounts/privacy/export/")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "asked for a copy of your data a short while ago" in refused.content.decode()
    assert len(mail.outbox) == 2
