from django.urls import path
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel

from community.common.admin_menu import register_admin_view, register_snippet_menu

from .views.promotion import candidate_answers_view

# Staff decide which tags exist; customers pick from them when they ask.
register_snippet_menu(
    Tag,
    label=_("Tags"),
    icon="tag",
    order=260,
    list_display=["name", "slug"],
    search_fields=["name"],
    ordering=["name"],
    panels=[FieldPanel("name"), FieldPanel("slug")],
)


register_admin_view(
    "kb/candidates/",
    [path("", candidate_answers_view, name="kb-candidate-answers")],
    label=_("Candidate answers"),
    icon="help",
    order=256,
)
