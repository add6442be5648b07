"""Members follow product pages: cms registers the product as a follow target with the
notifications floor when the app is ready."""

from django.utils.translation import gettext_lazy as _

from community.notifications import registry

from .models import ProductPage
from .permissions import check_can_view_product


def register() -> None:
    registry.register_follow_target(
        key="product",
        model=ProductPage,
        check_can_see=check_can_view_product,
        queryset=lambda: ProductPage.objects.live(),
        url_of=lambda product: product.url,
        follow_label=_("Follow this product"),
        unfollow_label=_("Stop following this product"),
        followed_message=_(
            "You follow it now; new questions and answers appear under Notifications."
        ),
        unfollowed_message=_("You no longer follow it."),
        settings_label=_("Product:"),
    )
