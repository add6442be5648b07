"""Editors name (and describe) boards and categories once per language: the admin's form
shows each Dutch field right after its English one, and saves what is typed there."""

import re

import pytest

from cms.catalogue import ProductCategory
from forum.models import Board

pytestmark = pytest.mark.django_db

ADD_FORMS = {
    "/admin/snippets/forum/board/add/": [
        "name",
        "name_nl",
        "slug",
        "description",
        "description_nl",
        "sort_order",
        "is_showcase",
    ],
    "/admin/snippets/cms/productcategory/add/": [
        "name",
        "name_nl",
        "slug",
        "description",
        "description_nl",
        "sort_order",
    ],
    "/admin/snippets/cms/knowledgebasecategory/add/": [
        "name",
        "name_nl",
        "slug",
        "layer",
        "sort_order",
    ],
}

ALL_FIELDS = {field for fields in ADD_FORMS.values() for field in fields}


@pytest.fixture
def editor_client(client, user_factory):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(("url", "fields"), ADD_FORMS.items())
def test_the_admin_shows_each_dutch_field_right_after_its_english_one(editor_client, url, fields):
    html = editor_client.get(url).content.decode()

    inputs = re.findall(r'<(?:input|textarea|select)\b[^>]*\bname="(\w+)"', html)

    assert [name for name in inputs if name in ALL_FIELDS] == fields


def test_a_knowledge_base_category_has_no_dutch_description_to_fill_in(editor_client):
    html = editor_client.get("/admin/snippets/cms/knowledgebasecategory/add/").content.decode()

    assert 'name="description_nl"' not in html


def test_the_dutch_name_and_description_typed_in_the_admin_are_saved(editor_client):
    for url, model in (
        ("/admin/snippets/forum/board/add/", Board),
        ("/admin/snippets/cms/productcategory/add/", ProductCategory),
    ):
        response = editor_client.post(
            url,
            {
                "name": "Recipes",
                "name_nl": "Recepten",
                "slug": "recipes",
                "description": "Cook along.",
                "description_nl": "Kook mee.",
                "sort_order": 1,
            },
        )

        assert response.status_code == 302
        saved = model.objects.get(slug="recipes")
        assert (saved.name_nl, saved.description_nl) == ("Recepten", "Kook mee.")
