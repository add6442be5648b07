import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag

pytestmark = pytest.mark.django_db


def test_moderators_create_tags_in_the_wagtail_admin(client, user_factory):
    moderator = user_factory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.post(
        "/admin/snippets/taggit/tag/add/", {"name": "Induction", "slug": "induction"}
    )
    assert response.status_code == 302
    assert Tag.objects.filter(slug="induction").exists()
    assert "Induction" in client.get("/admin/snippets/taggit/tag/").content.decode()


def test_customers_cannot_manage_tags(customer_client):
    response = customer_client.post(
        "/admin/snippets/taggit/tag/add/", {"name": "Spam", "slug": "spam"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Tag.objects.exists()
