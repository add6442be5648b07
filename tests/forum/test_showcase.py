"""The showcase board's photo grid, featured topics on the home and product pages, and
boards managed in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group

from cms.models import HomePage
from community.moderation.services import content_hide
from forum import services
from forum.models import Board

from .conftest import photo

pytestmark = pytest.mark.django_db


def test_the_showcase_board_shows_topics_as_a_grid_of_their_first_photo(
    client, showcase, topic_factory
):
    topic = topic_factory(
        board=showcase,
        title="My sourdough",
        photos=[photo(alt="A round loaf"), photo(alt="The crumb")],
    )
    topic_factory(board=showcase, title="No picture yet")

    html = client.get(f"/forum/{showcase.slug}/").content.decode()

    assert 'class="showcase-grid"' in html
    assert html.count('<li class="showcase-card">') == 2
    assert 'alt="A round loaf"' in html and 'alt="The crumb"' not in html
    assert f'href="{topic.get_absolute_url()}"' in html
    assert "/media/photos/thumbnails/" in html


def test_ordinary_boards_show_a_list_not_a_grid(client, board, topic_factory):
    topic_factory(board=board, photos=[photo()])

    html = client.get(f"/forum/{board.slug}/").content.decode()

    assert 'class="topic-list"' in html and 'class="showcase-grid"' not in html


def test_a_featured_topic_shows_on_the_home_page_and_its_product_page(
    client, showcase, topic_factory, staff_user, product_factory
):
    product = product_factory(title="Dutch oven")
    other = product_factory(title="Kettle")
    topic = topic_factory(
        board=showcase, title="Bread from the oven", product=product, photos=[photo(alt="Loaf")]
    )
    topic_factory(board=showcase, title="Not featured", product=product)
    services.topic_set_featured(topic=topic, staff=staff_user, featured=True)

    home = client.get("/").content.decode()
    product_page = client.get(product.url).content.decode()
    other_page = client.get(other.url).content.decode()

    assert "Made by our customers" in home and "Bread from the oven" in home
    assert 'alt="Loaf"' in home
    assert "Not featured" not in home
    assert "Bread from the oven" in product_page
    assert "Bread from the oven" not in other_page


def test_home_page_featured_topics_cost_one_query(
    client, showcase, topic_factory, staff_user, django_assert_max_num_queries
):
    HomePage.objects.get()
    for _ in range(5):
        topic = topic_factory(board=showcase, photos=[photo()])
        services.topic_set_featured(topic=topic, staff=staff_user, featured=True)

    # The home page's 8 and the page generation (page_cache), plus the featured topics.
    with django_assert_max_num_queries(10):
        response = client.get("/")

    assert response.content.decode().count('<li class="showcase-card">') == 3


def test_hiding_a_featured_topic_takes_it_off_the_home_page(
    client, showcase, topic_factory, staff_user
):
    topic = topic_factory(board=showcase, title="Soon hidden")
    services.topic_set_featured(topic=topic, staff=staff_user, featured=True)
    content_hide(item=topic, staff=staff_user, reason="Not ours")

    assert "Soon hidden" not in client.get("/").content.decode()


def test_moderators_manage_boards_in_the_wagtail_admin(client, user_factory):
    moderator = user_factory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)

    response = client.post(
        "/admin/snippets/forum/board/add/",
        {"name": "Recipes", "slug": "recipes", "description": "Cook along", "sort_order": 5},
    )

    assert response.status_code == 302
    assert Board.objects.get(slug="recipes").sort_order == 5
    assert "Recipes" in client.get("/admin/snippets/forum/board/").content.decode()


def test_customers_cannot_manage_boards(customer_client):
    response = customer_client.post(
        "/admin/snippets/forum/board/add/", {"name": "Spam", "slug": "spam"}
    )

    assert response.status_code == 302
    assert not Board.objects.exists()
