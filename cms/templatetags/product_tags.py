from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.formats import number_format

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF", "SEK": "kr", "DKK": "kr"}


@register.filter
def money(amount: Decimal | None) -> str:
    """A price in the shop's currency, written the way the visitor's language writes numbers."""
    if amount is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(settings.SHOP_CURRENCY, settings.SHOP_CURRENCY)
    return f"{symbol}\N{NO-BREAK SPACE}{number_format(amount, decimal_pos=2, force_grouping=True)}"
