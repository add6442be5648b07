from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class WebhooksConfig(app_registration.RegisteringAppConfig):
    """Webhooks: the shop's systems hear of new questions, answers, reviews and articles."""

    name = "community.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    registers = ("notifications",)
