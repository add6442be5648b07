import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import ProductPage
from cms.services import product_index_get_or_create
from shop.models import Purchase

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, user_factory):
    client.force_login(user_factory(username="eva", is_staff=True, is_superuser=True))
    return client


def test_a_product_an_editor_adds_picks_up_the_purchases_of_its_sku(editor):
    Purchase.objects.create(
        order_id="1", email="a@example.com", sku="NEW-1", ordered_at=timezone.now()
    )
    product_index = product_index_get_or_create()

    response = editor.post(
        f"/admin/pages/add/cms/productpage/{product_index.pk}/",
        nested_form_data(
            {
                "title": "New pan",
                "slug": "new-pan",
                "sku": "NEW-1",
                "short_description": "",
                "specifications": inline_formset([{"name": "Size", "value": "24 cm"}]),
                "manuals": inline_formset([]),
                "before_buying": streamfield([("paragraph", rich_text("<p>Fits all hobs.</p>"))]),
                "after_buying": streamfield([]),
                "around_product": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    page = ProductPage.objects.get(sku="NEW-1")
    assert page.live
    assert Purchase.objects.get().product == page


def test_staff_who_may_see_purchases_find_the_shop_link_in_the_wagtail_menu(editor):
    assert "Shop link" in editor.get("/admin/").content.decode()


def test_staff_without_shop_permissions_do_not_see_the_shop_link(client, user_factory):
    from django.contrib.auth.models import Permission

    moderator = user_factory(username="sam", is_staff=True)
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Shop link" not in response.content.decode()
