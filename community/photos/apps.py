from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    """Photos that members attach to what they write: forum posts and reviews."""

    name = "community.photos"
    label = "photos"
    verbose_name = _("Photos")

    def ready(self):
        from . import personal_data

        personal_data.register()
