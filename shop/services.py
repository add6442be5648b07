"""Writes of the shop link: importing products and orders, and the shop's API tokens.

The import commands, the API and the demo all import through `product_import_rows` and
`purchase_import_rows`, so they check rows the same way and report alike. Both are
idempotent: importing the same feed again changes nothing and reports every row unchanged.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.models import ProductCategory, ProductIndexPage, ProductPage, ProductSpecification
from cms.services import product_category_get_or_create, product_index_get_or_create
from community.accounts.models import User
from community.common.models import save_checked

from .enums import FeedSubject, MissingProducts, RowOutcome
from .feeds import FeedRow
from .models import Purchase, ShopApiToken
from .reports import ImportReport
from .rows import (
    ORDER_FIELDS,
    PRODUCT_FIELDS,
    ProductRow,
    PurchaseRow,
    RowInvalid,
    product_row_clean,
    purchase_row_clean,
    unknown_fields,
)

Progress = Callable[[int], None]  # told how many more rows are done

# Product page fields the shop's feed owns, by the feed's name for them.
PRODUCT_PAGE_FIELDS = {
    "name": "title",
    "brand": "brand",
    "category": "category_id",
    "description": "short_description",
    "price": "price",
    "url": "shop_url",
}
FEED_NAME_FOR_PAGE_FIELD = {page: feed for feed, page in PRODUCT_PAGE_FIELDS.items()} | {
    "slug": "name",
    "specifications": "specifications",
}
PURCHASE_FIELDS = ("email", "quantity", "ordered_at", "delivered_at", "product_id")
ORDER_CHUNK_SIZE = 500


# SECTION checking without importing


def feed_rows_check(*, subject: FeedSubject, rows: Sequence[FeedRow]) -> ImportReport:
    """Check every row as the import would (duplicates in the feed included) and write
    nothing: the report rejects the bad rows and notes unknown fields, and counts nothing."""
    report = ImportReport(subject)
    if subject == FeedSubject.PRODUCTS:
        _product_rows_clean(rows, report)
    else:
        _purchase_rows_clean(rows, report)
    return report


# SECTION products


def product_import_rows(
    *,
    rows: Sequence[FeedRow],
    missing: MissingProducts = MissingProducts.IGNORE,
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update one product page per row, found by SKU; report what happened.

    A row that fails its checks is rejected with its reasons and the others still import.
    Live products the feed does not mention are reported (REPORT) or unpublished
    (UNPUBLISH); nothing is ever deleted.
    """
    report = ImportReport(FeedSubject.PRODUCTS)
    product_index = product_index_get_or_create()
    categories: dict[str, ProductCategory] = {}
    imported = 0
    for feed_row, row in _product_rows_clean(rows, report):
        if row is None:
            if progress:
                progress(1)
            continue
        try:
            with transaction.atomic():
                outcome = _product_apply(row, product_index, categories, report)
        except ValidationError as error:
            report.reject(feed_row.number, row.sku, _feed_errors(error))
            categories.clear()  # a category made for this row was rolled back with it
        else:
            report.add(outcome, row.sku)
            imported += 1
        if progress:
            progress(1)
    if missing != MissingProducts.IGNORE:
        _products_missing(
            report,
            {_text_of(feed_row.values, "sku") for feed_row in rows},
            unpublish=missing == MissingProducts.UNPUBLISH,
            anything_imported=imported > 0,
        )
    return report


def _product_rows_clean(
    rows: Sequence[FeedRow], report: ImportReport
) -> list[tuple[FeedRow, ProductRow | None]]:
    """Each row with its checked values, or None when it failed its checks (then rejected
    in ``report``, with its reasons); notes fields no product has."""
    first_row_of_sku: dict[str, int] = {}
    unknown: set[str] = set()
    checked: list[tuple[FeedRow, ProductRow | None]] = []
    for feed_row in rows:
        sku = _text_of(feed_row.values, "sku")
        try:
            row = product_row_clean(feed_row)
            if sku in first_row_of_sku:
                raise RowInvalid({"sku": [_duplicate_message(first_row_of_sku[sku])]})
        except RowInvalid as invalid:
            report.reject(feed_row.number, sku, invalid.errors)
            row = None
        else:
            unknown |= unknown_fields(feed_row.values, PRODUCT_FIELDS)
        first_row_of_sku.setdefault(sku, feed_row.number)
        checked.append((feed_row, row))
    _note_unknown_fields(report, unknown)
    return checked


def _product_apply(
    row: ProductRow,
    product_index: ProductIndexPage,
    categories: dict[str, ProductCategory],
    report: ImportReport,
) -> RowOutcome:
    wanted = _wanted_values(row, categories)
    page = ProductPage.objects.filter(sku=row.sku).first()
    if page is None:
        page = ProductPage(title=row.name, slug=_free_slug(product_index, row), sku=row.sku)
        _assign(page, wanted)
        product_index.add_child(instance=page)
        page.save_revision().publish()
        purchases_link_product(product=page)
        return RowOutcome.CREATED

    # Compare with what an editor would see: the latest draft if there is one.
    had_draft = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    current = _current_values(latest, wanted)
    if current == wanted:
        return RowOutcome.UNCHANGED
    _assign(latest, {name: value for name, value in wanted.items() if current[name] != value})
    revision = latest.save_revision()
    if page.live and not had_draft:
        revision.publish()
    else:
        # Publishing would also publish an editor's unfinished changes, or a page an
        # editor took offline; the shop's facts wait in the draft for them instead.
        report.notes.append(
            _(
                "%(sku)s: saved as a draft, because its page is not published or has "
                "unpublished changes."
            )
            % {"sku": row.sku}
        )
    return RowOutcome.UPDATED


def _wanted_values(row: ProductRow, categories: dict[str, ProductCategory]) -> dict[str, Any]:
    values: dict[str, Any] = {"name": row.name}
    for name in row.provided - {"sku", "name"}:
        if name == "category":
            values[name] = _category_id(row.category, categories)
        else:
            values[name] = getattr(row, name)
    return values


def _current_values(page: ProductPage, wanted: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for name in wanted:
        if name == "specifications":
            values[name] = tuple((spec.name, spec.value) for spec in page.specifications.all())
        else:
            values[name] = getattr(page, PRODUCT_PAGE_FIELDS[name])
    return values


def _assign(page: ProductPage, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "specifications":
            page.specifications = [
                ProductSpecification(name=spec_name, value=spec_value, sort_order=position)
                for position, (spec_name, spec_value) in enumerate(value)
            ]
        else:
            setattr(page, PRODUCT_PAGE_FIELDS[name], value)


def _category_id(name: str, categories: dict[str, ProductCategory]) -> int | None:
    if not name:
        return None
    if name not in categories:
        categories[name] = product_category_get_or_create(name=name)
    return categories[name].pk


def _free_slug(product_index: ProductIndexPage, row: ProductRow) -> str:
    """A slug for a new product that no sibling uses: its name, else its name and SKU."""
    base = slugify(row.name, allow_unicode=True)[:200] or slugify(row.sku)
    taken = set(
        product_index.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    candidates = [base, f"{base}-{slugify(row.sku)}"]
    candidates += [f"{base}-{slugify(row.sku)}-{n}" for n in range(2, len(taken) + 3)]
    return next(slug for slug in candidates if slug not in taken)


def _products_missing(
    report: ImportReport, skus_in_feed: set[str], *, unpublish: bool, anything_imported: bool
) -> None:
    absent_ids = [
        pk
        # The originals: a translation has no SKU of its own.
        for pk, sku in ProductPage.objects.live().filter(sku__isnull=False).values_list("pk", "sku")
        if sku not in skus_in_feed
    ]
    if not absent_ids:
        return
    if unpublish and not anything_imported:
        report.notes.append(
            _("Nothing was unpublished, because no row of the feed could be imported.")
        )
        unpublish = False
    for page in ProductPage.objects.filter(pk__in=absent_ids).order_by("sku"):
        label = f"{page.sku} ({page.title})"
        if unpublish:
            # Its translations share its address: they go with it, or they would stay live.
            with transaction.atomic():
                page.unpublish()
                for translation in page.get_translations().live().specific():
                    translation.unpublish()
            report.unpublished.append(label)
        else:
            report.missing.append(label)


# SECTION purchases


def purchase_import_rows(
    *, rows: Sequence[FeedRow], progress: Progress | None = None
) -> ImportReport:
    """Create or update one purchase per (order id, SKU); report what happened.

    A purchase is linked to the product page with its SKU when there is one; a product
    imported later picks up its purchases then (see `purchases_link_product`).
    """
    report = ImportReport(FeedSubject.ORDERS)
    valid = _purchase_rows_clean(rows, report)
    if progress and len(valid) < len(rows):
        progress(len(rows) - len(valid))
    unknown_skus: set[str] = set()
    for chunk in in_chunks(valid, ORDER_CHUNK_SIZE):
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    outcomes = _purchases_apply(chunk, unknown_skus)
                break
            except IntegrityError:
                # Another import added one of these lines meanwhile; read again and retry.
                if attempt == 2:
                    raise
        for row, outcome in zip(chunk, outcomes, strict=True):
            report.add(outcome, f"{row.order_id}/{row.sku}")
        if progress:
            progress(len(chunk))
    if unknown_skus:
        report.notes.append(
            ngettext(
                "%(count)s SKU is not in the catalogue yet (%(skus)s); its purchases link to "
                "the product when it is imported.",
                "%(count)s SKUs are not in the catalogue yet (%(skus)s); their purchases link "
                "to the products when they are imported.",
                len(unknown_skus),
            )
            % {"count": len(unknown_skus), "skus": ", ".join(sorted(unknown_skus))}
        )
    return report


def _purchase_rows_clean(rows: Sequence[FeedRow], report: ImportReport) -> list[PurchaseRow]:
    """The rows that pass their checks; the others are rejected in ``report`` with their
    reasons. Notes fields no order has."""
    valid: list[PurchaseRow] = []
    first_row_of_key: dict[tuple[str, str], int] = {}
    unknown: set[str] = set()
    for feed_row in rows:
        key = (_text_of(feed_row.values, "order_id"), _text_of(feed_row.values, "sku"))
        try:
            row = purchase_row_clean(feed_row)
            if row.key in first_row_of_key:
                raise RowInvalid({"order_id": [_duplicate_message(first_row_of_key[row.key])]})
        except RowInvalid as invalid:
            report.reject(feed_row.number, "/".join(part for part in key if part), invalid.errors)
            continue
        unknown |= unknown_fields(feed_row.values, ORDER_FIELDS)
        first_row_of_key[row.key] = feed_row.number
        valid.append(row)
    _note_unknown_fields(report, unknown)
    return valid


def _purchases_apply(chunk: Iterable[PurchaseRow], unknown_skus: set[str]) -> list[RowOutcome]:
    chunk = list(chunk)
    existing = {
        (purchase.order_id, purchase.sku): purchase
        for purchase in Purchase.objects.filter(order_id__in={row.order_id for row in chunk})
    }
    product_ids = dict(
        ProductPage.objects.filter(sku__in={row.sku for row in chunk}).values_list("sku", "pk")
    )
    now = timezone.now()
    to_create, to_update, outcomes = [], [], []
    for row in chunk:
        wanted = {
            "email": row.email,
            "quantity": row.quantity,
            "ordered_at": row.ordered_at,
            "delivered_at": row.delivered_at,
            "product_id": product_ids.get(row.sku),
        }
        if wanted["product_id"] is None:
            unknown_skus.add(row.sku)
        purchase = existing.get(row.key)
        if purchase is None:
            purchase = Purchase(order_id=row.order_id, sku=row.sku, **wanted)
            to_create.append(purchase)
            outcomes.append(RowOutcome.CREATED)
        elif all(getattr(purchase, name) == value for name, value in wanted.items()):
            outcomes.append(RowOutcome.UNCHANGED)
            continue
        else:
            for name, value in wanted.items():
                setattr(purchase, name, value)
            purchase.updated_at = now
            to_update.append(purchase)
            outcomes.append(RowOutcome.UPDATED)
        # The rows passed their checks and the lines were looked up just now; skipping the
        # per-row queries of unique, constraint and foreign-key validation keeps big feeds fast.
        purchase.full_clean(exclude=["product"], validate_unique=False, validate_constraints=False)
    Purchase.objects.bulk_create(to_create)
    Purchase.objects.bulk_update(to_update, [*PURCHASE_FIELDS, "updated_at"])
    return outcomes


def purchases_link_product(*, product: ProductPage) -> int:
    """Point every purchase of the product's SKU at it (and none of another SKU); say how many."""
    linked = (
        Purchase.objects.filter(sku=product.sku).exclude(product=product).update(product=product)
    )
    Purchase.objects.filter(product=product).exclude(sku=product.sku).update(product=None)
    return linked


# SECTION API tokens


@dataclass(frozen=True)
class IssuedToken:
    token: ShopApiToken
    secret: str  # shown to the person who created it, once; only its hash is kept


class TokenRefused(Exception):
    """The request's token is missing, unknown or revoked; the message says which."""


def shop_api_token_create(*, name: str, created_by: User | None) -> IssuedToken:
    prefix = secrets.token_hex(4)
    secret = f"shop_{prefix}_{secrets.token_urlsafe(32)}"
    token = ShopApiToken(
        name=name, prefix=prefix, token_hash=_token_hash(secret), created_by=created_by
    )
    save_checked(token)
    return IssuedToken(token=token, secret=secret)


def shop_api_token_revoke(*, token: ShopApiToken) -> ShopApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def shop_api_token_use(*, secret: str) -> ShopApiToken:
    """The active token with this secret, its use recorded; raises TokenRefused otherwise."""
    if not secret:
        raise TokenRefused(_("Send your shop API token as 'Authorization: Bearer <token>'."))
    token = ShopApiToken.objects.filter(token_hash=_token_hash(secret)).first()
    if token is None:
        raise TokenRefused(_("This token is not valid."))
    if token.revoked_at is not None:
        raise TokenRefused(_("This token has been revoked."))
    token.last_used_at = timezone.now()
    ShopApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token


def _token_hash(secret: str) -> str:
    # The secret holds 256 random bits, so one fast hash is as good as a slow one here.
    return hashlib.sha256(secret.encode()).hexdigest()


# SECTION shared


def in_chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _text_of(values: Any, name: str) -> str:
    value = values.get(name) if isinstance(values, dict) else None
    return str(value).strip() if isinstance(value, str | int) else ""


def _duplicate_message(first_row: int) -> str:
    return _("The feed already has this line at row %(row)s; only the first one is imported.") % {
        "row": first_row
    }


def _feed_errors(error: ValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {"row": list(error.messages)}
    return {
        FEED_NAME_FOR_PAGE_FIELD.get(name, "row" if name == "__all__" else name): messages
        for name, messages in error.message_dict.items()
    }


def _note_unknown_fields(report: ImportReport, unknown: set[str]) -> None:
    if unknown:
        report.notes.append(
            _("These fields are not known and were ignored: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
