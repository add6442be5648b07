import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag

from community.common.models import TagName

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


# Tags' Dutch names, in the admin's "Tags" menu next to the tags.

TAG_NAMES = "/admin/snippets/common/tagname/"


def _member_of(user_factory, group: str, username: str):
    member = user_factory(username=username, is_staff=True)
    member.groups.add(Group.objects.get(name=group))
    return member


@pytest.fixture
def induction():
    return Tag.objects.create(name="Induction", slug="induction")


def test_moderators_name_a_tag_in_dutch_and_dutch_readers_see_it(
    client, user_factory, induction, question_factory
):
    client.force_login(_member_of(user_factory, "Moderators", "mod"))

    response = client.post(
        f"{TAG_NAMES}add/", {"tag": induction.pk, "language": "nl", "name": "Inductie"}
    )

    assert response.status_code == 302
    assert TagName.objects.get(tag=induction, language="nl").name == "Inductie"
    assert "Inductie" in client.get(TAG_NAMES).content.decode()
    question_factory(title="Does the pan work on induction?", tags=["Induction"])
    client.logout()
    listing = client.get("/questions/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert ">Inductie</a>" in listing


def test_editors_correct_a_tags_dutch_name(client, user_factory, induction):
    name = TagName.objects.create(tag=induction, language="nl", name="Indutcie")
    client.force_login(_member_of(user_factory, "Editors", "editor"))

    response = client.post(
        f"{TAG_NAMES}edit/{name.pk}/", {"tag": induction.pk, "language": "nl", "name": "Inductie"}
    )

    assert response.status_code == 302
    name.refresh_from_db()
    assert name.name == "Inductie"


def test_the_admin_menu_groups_the_tags_and_their_dutch_names(client, user_factory):
    client.force_login(_member_of(user_factory, "Moderators", "mod"))

    menu = client.get("/admin/").content.decode()

    assert "Translated tag names" in menu
    assert TAG_NAMES in menu
    assert "/admin/snippets/taggit/tag/" in menu


def test_a_tag_is_not_named_in_the_language_it_was_made_in(client, user_factory, induction):
    client.force_login(_member_of(user_factory, "Moderators", "mod"))

    response = client.post(
        f"{TAG_NAMES}add/", {"tag": induction.pk, "language": "en", "name": "Induction hobs"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TagName.objects.exists()


def test_a_tag_has_one_dutch_name(client, user_factory, induction):
    TagName.objects.create(tag=induction, language="nl", name="Inductie")
    client.force_login(_member_of(user_factory, "Moderators", "mod"))

    response = client.post(
        f"{TAG_NAMES}add/", {"tag": induction.pk, "language": "nl", "name": "Inductiekookplaat"}
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert list(TagName.objects.values_list("name", flat=True)) == ["Inductie"]


def test_customers_cannot_name_tags(customer_client, induction):
    response = customer_client.post(
        f"{TAG_NAMES}add/", {"tag": induction.pk, "language": "nl", "name": "Spam"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not TagName.objects.exists()


def test_staff_without_the_permission_cannot_name_tags(client, user_factory, induction):
    from django.contrib.auth.models import Permission

    staffer = user_factory(username="agent", is_staff=True)
    staffer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staffer)

    response = client.post(
        f"{TAG_NAMES}add/", {"tag": induction.pk, "language": "nl", "name": "Inductie"}
    )

    assert response.status_code in (302, 403)
    assert not TagName.objects.exists()
