from django.contrib.contenttypes.models import ContentType
from django.db import models

from community.accounts.models import User
from community.common.models import full_clean_in_hand

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
    full_clean_in_hand(revision)
    revision.save()
    return revision
