"""The period and filters every Insights page reads from its address: 7, 30 or 90 days up to
today, or custom dates; a product, a product category, before or after buying.

Days are the site's local days; a period includes its first and last day (``Window``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.catalogue import ProductCategory, ProductPage
from community.common.buying_phase import Phase
from community.common.periods import Window

PERIOD_CHOICES = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("custom", _("Custom dates")),
]
DEFAULT_PERIOD = "30"


@dataclass(frozen=True)
class Filters:
    product: ProductPage | None = None
    category: ProductCategory | None = None
    phase: str = ""


class InsightsForm(forms.Form):
    """The period picker and filters; the page shows its errors instead of figures."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=ProductPage.objects.filter(sku__isnull=False)
        .order_by("title")
        .only("pk", "title"),
        required=False,
        empty_label=_("All products"),
    )
    category = forms.ModelChoiceField(
        label=_("Product category"),
        queryset=ProductCategory.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("All categories"),
    )
    phase = forms.ChoiceField(
        label=_("Before or after buying"),
        choices=[("", _("Both")), *Phase.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period") or DEFAULT_PERIOD
        cleaned["period"] = period
        if period != "custom":
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start is None or end is None:
            raise forms.ValidationError(_("For custom dates, give both the first and last day."))
        if end < start:
            raise forms.ValidationError(_("The last day comes before the first day."))
        if end > timezone.localdate():
            raise forms.ValidationError(_("The last day is in the future."))
        longest = settings.INSIGHTS_MAX_PERIOD_DAYS
        if (end - start).days + 1 > longest:
            raise forms.ValidationError(
                _("A period can be at most %(days)d days long.") % {"days": longest}
            )
        return cleaned

    def window(self) -> Window:
        period = self.cleaned_data["period"]
        if period == "custom":
            return Window(self.cleaned_data["start"], self.cleaned_data["end"])
        return Window.last_days(int(period))

    def filters(self) -> Filters:
        return Filters(
            product=self.cleaned_data.get("product"),
            category=self.cleaned_data.get("category"),
            phase=self.cleaned_data.get("phase") or "",
        )
