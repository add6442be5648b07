"""Storing a row that a unique constraint allows only once: one close vote per member, one
review per buyer and product, one waiting suggestion per post.

Two requests at the same moment both pass the service's own checks; the database's
constraint refuses the second, and the service tells that member what the first one did.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Model


def insert_once(instance: Model) -> bool:
    """Validate ``instance`` (its constraints are left to the database) and save it; False,
    with nothing stored, when a concurrent request stored the same row first."""
    instance.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        return False
    return True
