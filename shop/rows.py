"""The checks every product and order row passes, wherever it came from.

The import commands and the API both call these, so a bad price gets the same message on
the command line and in a 400 response. A field absent from a product row is left as it is
on the product page; a field present but empty clears it (orders always carry every field).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .feeds import FeedRow

PRODUCT_FIELDS = (
    "sku",
    "name",
    "brand",
    "category",
    "description",
    "price",
    "url",
    "specifications",
)
ORDER_FIELDS = ("order_id", "email", "sku", "quantity", "ordered_at", "delivered_at")

# Separators of the one-cell form of specifications: "Diameter: 28 cm | Weight: 3.1 kg".
SPECIFICATION_SEPARATOR = "|"
SPECIFICATION_NAME_SEPARATOR = ":"

sku_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
    gettext_lazy("Use letters, digits, dots, dashes, underscores and slashes only."),
)


class RowInvalid(Exception):
    """A row failed its checks; `errors` maps each bad field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class ProductRow:
    sku: str
    name: str
    provided: frozenset[str]  # the fields the row carries; others stay as they are
    brand: str = ""
    category: str = ""
    description: str = ""
    price: Decimal | None = None
    url: str = ""
    specifications: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PurchaseRow:
    order_id: str
    email: str
    sku: str
    quantity: int
    ordered_at: datetime
    delivered_at: datetime | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.order_id, self.sku)


class SpecificationsField(forms.Field):
    """Name/value rows: a JSON list of {"name", "value"} objects, or one cell of text."""

    def to_python(self, value: Any) -> tuple[tuple[str, str], ...]:
        if value in (None, "", []):
            return ()
        if isinstance(value, str):
            return self._from_text(value)
        if isinstance(value, list):
            return self._from_list(value)
        raise forms.ValidationError(
            _('Give a list of {"name": ..., "value": ...} objects, or text like "Weight: 2 kg".')
        )

    def _from_text(self, text: str) -> tuple[tuple[str, str], ...]:
        rows = []
        for part in text.split(SPECIFICATION_SEPARATOR):
            if not part.strip():
                continue
            name, separator, value = part.partition(SPECIFICATION_NAME_SEPARATOR)
            if not separator or not name.strip() or not value.strip():
                raise forms.ValidationError(
                    _('"%(part)s" is not "name: value"; separate specifications with "|".')
                    % {"part": part.strip()}
                )
            rows.append((name.strip(), value.strip()))
        return self._checked(rows)

    def _from_list(self, items: list) -> tuple[tuple[str, str], ...]:
        rows = []
        for position, item in enumerate(items, start=1):
            name = item.get("name") if isinstance(item, dict) else None
            value = item.get("value") if isinstance(item, dict) else None
            if not isinstance(name, str | int | float) or not isinstance(value, str | int | float):
                raise forms.ValidationError(
                    _('Specification %(position)s needs a "name" and a "value".')
                    % {"position": position}
                )
            if not str(name).strip() or not str(value).strip():
                raise forms.ValidationError(
                    _("Specification %(position)s has an empty name or value.")
                    % {"position": position}
                )
            rows.append((str(name).strip(), str(value).strip()))
        return self._checked(rows)

    def _checked(self, rows: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        limit = settings.SHOP_MAX_SPECIFICATIONS_PER_PRODUCT
        if len(rows) > limit:
            raise forms.ValidationError(
                _("A product may have at most %(limit)s specifications; this one has %(count)s.")
                % {"limit": limit, "count": len(rows)}
            )
        for name, value in rows:
            if len(name) > 100 or len(value) > 255:
                raise forms.ValidationError(
                    _("Specification names may be 100 and values 255 characters long (%(name)s).")
                    % {"name": name[:40]}
                )
        return tuple(rows)


class ProductRowForm(forms.Form):
    sku = forms.CharField(max_length=64, validators=[sku_validator])
    name = forms.CharField(max_length=255)
    brand = forms.CharField(max_length=100, required=False)
    category = forms.CharField(max_length=80, required=False)
    description = forms.CharField(max_length=1000, required=False)
    price = forms.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False)
    url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    specifications = SpecificationsField(required=False)


class PurchaseRowForm(forms.Form):
    order_id = forms.CharField(max_length=64)
    email = forms.EmailField()
    sku = forms.CharField(max_length=64, validators=[sku_validator])
    quantity = forms.IntegerField(min_value=1, max_value=100_000, required=False)
    ordered_at = forms.DateTimeField()
    delivered_at = forms.DateTimeField(required=False)

    def clean(self):
        cleaned = super().clean()
        ordered_at, delivered_at = cleaned.get("ordered_at"), cleaned.get("delivered_at")
        if ordered_at and delivered_at and delivered_at < ordered_at:
            self.add_error("delivered_at", _("The delivery cannot be before the order."))
        return cleaned


def product_row_clean(feed_row: FeedRow) -> ProductRow:
    values, cleaned = _validated(feed_row, ProductRowForm, PRODUCT_FIELDS)
    provided = frozenset(name for name in PRODUCT_FIELDS if name in values)
    return ProductRow(
        sku=cleaned["sku"],
        name=cleaned["name"],
        provided=provided,
        brand=cleaned["brand"],
        category=cleaned["category"],
        description=cleaned["description"],
        price=cleaned["price"],
        url=cleaned["url"],
        specifications=cleaned["specifications"],
    )


def purchase_row_clean(feed_row: FeedRow) -> PurchaseRow:
    _values, cleaned = _validated(feed_row, PurchaseRowForm, ORDER_FIELDS)
    return PurchaseRow(
        order_id=cleaned["order_id"],
        email=cleaned["email"].lower(),
        sku=cleaned["sku"],
        quantity=cleaned["quantity"] or 1,
        ordered_at=cleaned["ordered_at"],
        delivered_at=cleaned["delivered_at"],
    )


def unknown_fields(values: Any, known: tuple[str, ...]) -> set[str]:
    if not isinstance(values, Mapping):
        return set()
    return {str(name) for name in values if name not in known}


def _validated(
    feed_row: FeedRow, form_class: type[forms.Form], known: tuple[str, ...]
) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """The row's readable values and, checked by ``form_class``, its cleaned fields; raises
    ``RowInvalid`` with the form's errors."""
    values = _readable(feed_row)
    form = form_class(data=_as_form_data(values, known))
    if not form.is_valid():
        raise RowInvalid(_errors(form))
    return values, form.cleaned_data


def _readable(feed_row: FeedRow) -> Mapping[str, Any]:
    if feed_row.problem:
        raise RowInvalid({"row": [feed_row.problem]})
    if not isinstance(feed_row.values, Mapping):
        raise RowInvalid({"row": [_("Each entry must be an object with named fields.")]})
    return feed_row.values


def _as_form_data(values: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    data = {}
    for name in known:
        value = values.get(name)
        if isinstance(value, bool | dict):
            raise RowInvalid({name: [_("This field does not take a value of this kind.")]})
        if isinstance(value, list) and name != "specifications":
            raise RowInvalid({name: [_("This field takes one value, not a list.")]})
        # Numbers from JSON are read as the text they were written as (49.95, not a float).
        data[name] = str(value) if isinstance(value, int | float) else value
    return data


def _errors(form: forms.Form) -> dict[str, list[str]]:
    errors = {}
    for name, messages in form.errors.items():
        errors["row" if name == "__all__" else name] = [str(message) for message in messages]
    return errors
