from django.contrib.contenttypes.models import ContentType
from django.db import models

from community.accounts.models import User

from .models import Revision


def revision_record(
    *, item: models.Model, editor: User, body: str, title: str = "", summary: str = ""
) -> Revision:
    """Keep this version of ``item``. Call it when the item is created and on every edit."""
    revision = Revision(
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        editor=editor,
        title=title,
        body=body,
        summary=summary,
    )
    revision.full_clean()
    revision.save()
    return revision
