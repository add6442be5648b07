from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from community.common.models import TimeStampedModel, optional_link


class Purchase(TimeStampedModel):
    """One line of a shop order: who (by e-mail) bought how many of which product, and when.

    A purchase belongs to every account with a verified e-mail address equal to `email`;
    see shop.selectors, the one place that decides it.
    """

    order_id = models.CharField(_("order number"), max_length=64)
    email = models.EmailField(
        _("e-mail address"), help_text=_("The customer's address, stored in lower case.")
    )
    sku = models.CharField(_("SKU"), max_length=64)
    product = optional_link(
        "cms.ProductPage",
        _("product"),
        related_name="purchases",
        help_text=_("The product page with this SKU, once there is one."),
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    ordered_at = models.DateTimeField(_("ordered at"))
    delivered_at = models.DateTimeField(
        _("delivered at"), null=True, blank=True, help_text=_("Empty until it is delivered.")
    )

    class Meta:
        ordering = ["-ordered_at", "order_id", "sku"]
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        constraints = [
            models.UniqueConstraint(
                fields=["order_id", "sku"], name="shop_purchase_one_line_per_order_and_sku"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="shop_purchase_quantity_at_least_one"
            ),
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="shop_purchase_email_lower_case"
            ),
        ]
        indexes = [
            models.Index(fields=["email"], name="shop_purchase_email_idx"),
            models.Index(fields=["sku"], name="shop_purchase_sku_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} · {self.sku} × {self.quantity}"


class ShopApiToken(models.Model):
    """A key the webshop uses to push products and orders; only a hash of it is stored.

    Staff create one in the admin and see its secret once; revoking it keeps the record.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who or what uses it, e.g. 'Shop production'.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created_by = optional_link(settings.AUTH_USER_MODEL, _("created by"), editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("shop API token")
        verbose_name_plural = _("shop API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
