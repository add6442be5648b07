"""Wagtail's own apps, started without Wagtail's API v3: ``INSTALLED_APPS`` names these
instead of Wagtail's app configs for documents, images, locales, redirects and snippets.

In Wagtail 8 each of these apps' ``ready()`` ends by registering a router on Wagtail's API
v3 and building its pydantic schemas for every image, document and snippet model. The site
never mounts that API (``community/urls.py`` has no ``api.urls`` of Wagtail's; the public
API is our own, under ``/api/v1/``), yet the registration loaded it into every process:
about 11 MB resident per gunicorn worker once it has served pages, some 90 modules
(Wagtail's API v3, django-ninja and the schemas), for nothing any request can reach.

Each ``ready()`` below is Wagtail's, statement for statement, without the API v3
registration; ``tests/common/test_wagtail_apps.py`` compares them with Wagtail's own, so a
Wagtail release that changes one fails there rather than silently losing a registration.
The imports inside ``ready()`` are Wagtail's too: the models they reach cannot be imported
before the app registry is ready.
"""

from django.db.models import ForeignKey
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as get_document_permission_policy
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as get_image_permission_policy
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class DocumentsConfig(WagtailDocsAppConfig):
    def ready(self):
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.permissions import register_permission_policy

        Document = get_document_model()
        register_permission_policy(Document, get_document_permission_policy())
        register_signal_handlers()

        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents.components import DocumentDisplay

        register_display_class(ForeignKey, to=Document, display_class=DocumentDisplay)

        from wagtail.models.reference_index import ReferenceIndex

        ReferenceIndex.register_model(Document)


class ImagesConfig(WagtailImagesAppConfig):
    def ready(self):
        from wagtail.permissions import register_permission_policy

        Image = get_image_model()
        register_permission_policy(Image, get_image_permission_policy())

        from wagtail.images.signal_handlers import register_signal_handlers

        register_signal_handlers()

        # Model forms choose images with Wagtail's image chooser.
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.images.widgets import AdminImageChooser

        register_form_field_override(ForeignKey, to=Image, override={"widget": AdminImageChooser})

        # Revisions compare image fields as images.
        from wagtail.admin.compare import register_comparison_class
        from wagtail.images.edit_handlers import ImageFieldComparison

        register_comparison_class(ForeignKey, to=Image, comparison_class=ImageFieldComparison)

        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images.components import ImageDisplay

        register_display_class(ForeignKey, to=Image, display_class=ImageDisplay)

        from wagtail.models.reference_index import ReferenceIndex

        ReferenceIndex.register_model(Image)


class LocalesConfig(WagtailLocalesAppConfig):
    def ready(self):
        """Nothing: Wagtail's only registers the locales' API v3 router."""


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.permissions import register_permission_policy

        register_permission_policy(Redirect)

        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.signals import page_slug_changed, post_page_move

        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


class SnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self):
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        # Snippets registered before the models were all loaded (Wagtail's note).
        register_deferred_snippets()
        # The extra permissions of snippets with draft states and the like, after migrate.
        post_migrate.connect(create_extra_permissions, sender=self)
