"""Background work for accounts: the "Your data" zip is built and e-mailed here, never inside
the request that asked for it."""

from django_tasks import task

from .data_export import personal_data_export_send
from .deletion import deletion_link_send
from .models import User


@task()
def personal_data_export(user_id: int) -> str:
    """Build the member's zip and e-mail them the link; the zip's name, for the task's result."""
    user = User.objects.get(pk=user_id, erased_at__isnull=True)
    return personal_data_export_send(user=user)


@task()
def account_deletion_link(user_id: int, remove_posts: bool) -> None:
    """E-mail a member without a password the link that confirms their deletion request."""
    deletion_link_send(user=User.objects.get(pk=user_id), remove_posts=remove_posts)
