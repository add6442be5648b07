from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Purchase, ShopApiToken
from .services import shop_api_token_create, shop_api_token_revoke


class _FilledInFilter(admin.SimpleListFilter):
    """A yes/no filter on whether ``field`` is filled in; subclasses name the field and the
    two choices."""

    field: str
    yes_label: str
    no_label: str

    def lookups(self, request, model_admin):
        return [("yes", self.yes_label), ("no", self.no_label)]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{f"{self.field}__isnull": self.value() == "no"})
        return queryset


class DeliveredFilter(_FilledInFilter):
    title = _("delivered")
    parameter_name = "delivered"
    field = "delivered_at"
    yes_label = _("Delivered")
    no_label = _("Not delivered yet")


class ProductLinkedFilter(_FilledInFilter):
    title = _("product page")
    parameter_name = "linked"
    field = "product"
    yes_label = _("Has a product page")
    no_label = _("SKU not in the catalogue")


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    """Purchases come from the shop; staff look them up here (changes belong in the shop)."""

    list_display = ("order_id", "email", "sku", "product", "quantity", "ordered_at", "delivered_at")
    list_select_related = ("product",)
    search_fields = ("email", "order_id", "sku")
    list_filter = (DeliveredFilter, ProductLinkedFilter, "ordered_at")
    date_hierarchy = "ordered_at"
    show_full_result_count = False
    readonly_fields = (
        "order_id",
        "email",
        "sku",
        "product",
        "quantity",
        "ordered_at",
        "delivered_at",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ShopApiTokenAddForm(forms.ModelForm):
    class Meta:
        model = ShopApiToken
        fields = ["name"]


@admin.register(ShopApiToken)
class ShopApiTokenAdmin(admin.ModelAdmin):
    """Tokens the shop pushes products and orders with. The secret is shown once, on creation."""

    list_display = ("name", "prefix", "status", "created_by", "created_at", "last_used_at")
    list_select_related = ("created_by",)
    search_fields = ("name", "prefix")
    readonly_fields = ("prefix", "created_by", "created_at", "last_used_at", "revoked_at")
    fields = ("name", *readonly_fields)
    actions = ["revoke"]

    @admin.display(description=_("status"))
    def status(self, token: ShopApiToken) -> str:
        return _("active") if token.is_active else _("revoked")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            shop_api_token_revoke(token=token)
            self.log_change(request, token, [{"changed": {"fields": ["revoked_at"]}}])
        self.message_user(
            request,
            ngettext(
                "%(count)s token revoked; the shop can no longer use it.",
                "%(count)s tokens revoked; the shop can no longer use them.",
                len(tokens),
            )
            % {"count": len(tokens)},
            messages.SUCCESS,
        )

    def add_view(self, request, form_url="", extra_context=None):
        """A name is all it takes; the answer shows the new secret, this once only."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ShopApiTokenAddForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Create a shop API token"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            issued = shop_api_token_create(name=form.cleaned_data["name"], created_by=request.user)
            self.log_addition(request, issued.token, [{"added": {}}])
            context.update(
                title=_("Your new shop API token"),
                token=issued.token,
                secret=issued.secret,
                products_url=request.build_absolute_uri(reverse("shop-api:products")),
            )
            response = TemplateResponse(request, "shop/admin/token_created.html", context)
            response["Cache-Control"] = "no-store"  # the secret must not linger in a cache
            return response
        return TemplateResponse(request, "shop/admin/token_add.html", context)
