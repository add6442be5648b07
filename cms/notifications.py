"""Members follow product pages: cms registers the product as a follow target with the
notifications floor when the app is ready."""

from django.utils.translation import gettext_lazy as _

from community.notifications import registry

from .models import ProductPage
from .permissions import check_can_view_product

# What following a product promises; qa's questions and tags promise the same.
FOLLOWED_FOR_QUESTIONS = _(
    "You follow it now; new questions and answers appear under Notifications."
)
UNFOLLOWED = _("You no longer follow it.")


def register() -> None:
    registry.register_follow_target(
        key="product",
        model=ProductPage,
        check_can_see=check_can_view_product,
        queryset=lambda: ProductPage.objects.live(),
        url_of=lambda product: product.url,
        follow_label=_("Follow this product"),
        unfollow_label=_("Stop following this product"),
        followed_message=FOLLOWED_FOR_QUESTIONS,
        unfollowed_message=UNFOLLOWED,
        settings_label=_("Product:"),
    )
