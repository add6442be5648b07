from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class PhotosConfig(app_registration.RegisteringAppConfig):
    """Photos that members attach to what they write: forum posts and reviews."""

    name = "community.photos"
    label = "photos"
    verbose_name = _("Photos")
    registers = ("personal_data", "retention")
