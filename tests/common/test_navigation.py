import pytest

from cms.services import product_index_get_or_create

pytestmark = pytest.mark.django_db


def _header(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_header_links_to_the_sections_that_exist(client):
    header = _header(client)
    assert 'href="/questions/"' in header
    assert 'href="/products/"' not in header  # no product index yet


def test_a_newly_published_section_page_appears_in_the_header_at_once(client):
    assert 'href="/products/"' not in _header(client)  # remembered as missing
    product_index = product_index_get_or_create()
    assert 'href="/products/"' in _header(client)
    product_index.unpublish()
    assert 'href="/products/"' not in _header(client)


def test_signed_in_editor_sees_the_admin_link_and_a_customer_does_not(client, user_factory):
    from django.contrib.auth.models import Group

    editor = user_factory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "/admin/" in _header(client)
    client.force_login(user_factory(username="shopper"))
    assert "/admin/" not in _header(client)
