"""The seam through which apps add their parts to cms's pages (cms/sections.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms import sections
from cms.sections import HOME_PAGE, PRODUCT_PAGE, PageSection, register_page_section


def test_the_apps_sections_fill_the_product_page_in_order():
    keys = [section.key for section in sections.page_sections(PRODUCT_PAGE)]

    # The follow button's mark is read with the reviews' (it fills no place of its own).
    assert keys == ["follow", "questions", "reviews", "articles", "featured_topics"]


def test_the_home_page_shows_the_forum_showcase_and_greets_members_with_their_questions():
    keys = sorted(section.key for section in sections.page_sections(HOME_PAGE))
    assert keys == ["featured_topics", "for_you"]


def test_a_section_for_a_place_the_page_does_not_have_is_refused():
    with pytest.raises(ImproperlyConfigured):
        register_page_section(
            PageSection(page=HOME_PAGE, key="sidebar", order=1, templates={"sidebar": "x.html"})
        )


def test_a_second_section_under_a_taken_key_is_refused():
    with pytest.raises(ImproperlyConfigured):
        register_page_section(
            PageSection(
                page=PRODUCT_PAGE, key="reviews", order=1, templates={"reviews": "other.html"}
            )
        )


def test_a_section_that_shows_the_viewers_rows_without_marks_is_refused():
    # Its kept page would otherwise show one member's rows to others with equal marks.
    with pytest.raises(ImproperlyConfigured):
        register_page_section(
            PageSection(
                page=PRODUCT_PAGE,
                key="wishlist",
                order=50,
                templates={"links": "wishlist.html"},
                viewer_rows=lambda page, viewer: {},
            )
        )


def test_composing_gives_each_place_its_templates_and_the_sections_context(monkeypatch):
    monkeypatch.setitem(sections._sections, HOME_PAGE, {})
    register_page_section(
        PageSection(
            page=HOME_PAGE,
            key="later",
            order=20,
            templates={"featured": "later.html"},
            context=lambda page, request: {"later": page},
        )
    )
    register_page_section(
        PageSection(page=HOME_PAGE, key="first", order=10, templates={"featured": "first.html"})
    )

    context = sections.compose(HOME_PAGE, "the page", None)

    assert context == {
        "later": "the page",
        "page_sections": {"for_you": [], "featured": ["first.html", "later.html"]},
    }
