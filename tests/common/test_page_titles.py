"""A list page names itself once: its heading is its title in the browser tab too."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [("reputation:leaderboard", "Top helpers"), ("moderation:transparency", "Transparency report")],
)
def test_a_list_page_is_titled_by_its_heading(client, url_name, heading):
    html = client.get(reverse(url_name)).content.decode()

    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading} · " in html


def test_a_staff_page_with_its_own_heading_is_titled_by_it(client, staff_user):
    client.force_login(staff_user)

    html = client.get(reverse("moderation:audit-log")).content.decode()

    assert "<h1>Audit log</h1>" in html
    assert "<title>Audit log · " in html
