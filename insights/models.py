"""Who wants the weekly Insights summary by e-mail (and who may see Insights at all), and
which summaries went out.

The figures themselves are computed from the other apps' rows on every request (aggregate
queries, a fixed number per page); nothing is copied here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.notifications.models import OwnMailState


class SummarySubscription(models.Model):
    """A staff member or editor who asked for the weekly Insights summary by e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="insights_subscription",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("Insights summary subscription")
        verbose_name_plural = _("Insights summary subscriptions")
        # Who may see Insights at all (staff may anyway); the Editors and Moderators groups
        # get it. It sits on this app's one model for people, as Django ties permissions
        # to a model.
        permissions = [("view_insights", _("Can view Insights"))]

    def __str__(self) -> str:
        return str(self.user)


class SummaryEmail(OwnMailState):
    """One week's summary for one subscriber: inserting the row claims it (unique per member
    and week), so two runs never send it twice; the one mail path records the outcome."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(_("week starting"))

    class Meta:
        verbose_name = _("Insights summary e-mail")
        verbose_name_plural = _("Insights summary e-mails")
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="insights_summary_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week_start}"
