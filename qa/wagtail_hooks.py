from django.urls import path
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, ObjectList

from community.common.admin_menu import (
    register_admin_view,
    register_snippet_menu_group,
    snippet_menu_entry,
)
from community.common.forms import TagNameForm
from community.common.models import TagName

from .views.promotion import candidate_answers_view

# Staff decide which tags exist; customers pick from them when they ask. Their names in
# Dutch (shown to members who read the site in Dutch) are named next to them, by staff and
# by the editors who translate the pages.
register_snippet_menu_group(
    label=_("Tags"),
    icon="tag",
    order=260,
    entries=[
        snippet_menu_entry(
            Tag,
            label=_("Tags"),
            icon="tag",
            list_display=["name", "slug"],
            search_fields=["name"],
            ordering=["name"],
            panels=[FieldPanel("name"), FieldPanel("slug")],
        ),
        snippet_menu_entry(
            TagName,
            label=_("Translated tag names"),
            icon="tag",
            list_display=["name", "tag", "language"],
            list_filter=["language"],
            search_fields=["name"],
            ordering=["tag__name", "language"],
            edit_handler=ObjectList(
                [FieldPanel("tag"), FieldPanel("language"), FieldPanel("name")],
                base_form_class=TagNameForm,
            ),
        ),
    ],
)


register_admin_view(
    "kb/candidates/",
    [path("", candidate_answers_view, name="kb-candidate-answers")],
    label=_("Candidate answers"),
    icon="help",
    order=256,
)
