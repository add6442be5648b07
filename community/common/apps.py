from django.apps import AppConfig


class CommonConfig(AppConfig):
    """What every part of the site shares: base models, markup, uploads, health check."""

    name = "community.common"
    label = "common"
