import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.common.prepared_queries import PreparedQuery


def avatar_upload_to(instance: "User", filename: str) -> str:
    # The name the user gave the file is not kept: it may say more than they meant to.
    # A fresh name per upload lets browsers cache avatars for good.
    return f"avatars/{uuid.uuid4().hex}.jpg"


class MemberManager(UserManager):
    """Django's user manager, with one shortcut: ``get(pk=<whole number>)``, how signing in
    finds the member of a session on every page they see, runs SQL built once per process
    (building the query cost more than running it) and gives the same ``User``."""

    use_in_migrations = True

    def get(self, *args, **kwargs):
        # Only this manager of the site's own User: a related manager (a group's members) is
        # a subclass that narrows what it finds, a migration's User is a historical model
        # with the columns of its time, and another database is asked the usual way.
        if (
            type(self) is MemberManager
            and self.model is User
            and not args
            and len(kwargs) == 1
            and self.db == "default"
        ):
            ((name, value),) = kwargs.items()
            # A number outside the column's range (a forged id in a link) is no row: the ORM
            # answers that without asking the database, which would refuse to compare it.
            if name in ("pk", "id") and type(value) is int and _ID_MIN <= value <= _ID_MAX:
                rows = _USER_ROW.rows(user=value)[1]
                if not rows:
                    message = f"{self.model._meta.object_name} matching query does not exist."
                    raise self.model.DoesNotExist(message)
                fields = [field.attname for field in self.model._meta.concrete_fields]
                return self.model.from_db("default", fields, rows[0])
        return super().get(*args, **kwargs)


class User(AbstractUser):
    """A member of the community: customer, staff or editor.

    The username is the public handle (used in @mentions); the display name is what
    others see next to posts.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to what you post. Leave empty to use your username."),
    )
    bio = models.TextField(
        _("about you"),
        max_length=500,
        blank=True,
        help_text=_("A few words others see on your profile (500 characters at most)."),
    )
    avatar = models.ImageField(_("avatar"), upload_to=avatar_upload_to, blank=True)
    credit_in_articles = models.BooleanField(
        _("credit me in articles"),
        default=True,
        help_text=_(
            "When the shop turns one of your answers into a knowledge-base article, "
            "it names you as the source."
        ),
    )
    # Set from the browser's language at sign-up; empty (members from before) means the site's.
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The e-mails we send you are written in this language."),
    )
    # Kept equal to the sum of the member's reputation events (community.reputation), so that
    # names and lists can show it without adding anything up.
    reputation = models.IntegerField(_("reputation"), default=0, editable=False)
    badge_count = models.PositiveIntegerField(_("badges"), default=0, editable=False)
    suspended_until = models.DateTimeField(
        _("suspended until"),
        null=True,
        blank=True,
        help_text=_("Until then the member can sign in and read, but not post, vote or flag."),
    )
    suspension_reason = models.CharField(_("reason for the suspension"), max_length=300, blank=True)
    # Set when the account was erased (community.accounts.deletion): the row stays, emptied of
    # personal data, so that what the member wrote keeps an author ("Former member").
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = MemberManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        indexes = [models.Index(fields=["email"], name="accounts_user_email_idx")]

    @property
    def public_name(self) -> str:
        if self.erased_at is not None:
            return gettext("Former member")
        return self.display_name or self.username

    # What no page shows of a post's author: left out when posts are read with their authors,
    # so that reads kept in the shared cache (page_cache.kept_read) hold none of it.
    PRIVATE_FIELDS = ("password", "email", "first_name", "last_name", "last_login")

    @classmethod
    def private_fields_of(cls, *relations: str) -> list[str]:
        """``PRIVATE_FIELDS`` through each of ``relations`` (for ``QuerySet.defer``)."""
        return [f"{relation}__{name}" for relation in relations for name in cls.PRIVATE_FIELDS]

    def get_absolute_url(self) -> str:
        """The member's public profile (community.reputation)."""
        return reverse("reputation:profile", kwargs={"username": self.username})


# The range of the id column on every database the site runs on (a 64-bit integer).
_ID_MIN, _ID_MAX = -(2**63), 2**63 - 1
_USER_ROW = PreparedQuery(
    lambda user: User.objects.filter(pk=user).values_list(
        *(field.attname for field in User._meta.concrete_fields)
    )
)


class AccountDeletion(models.Model):
    """A member's request to have their account erased, waiting out the cooling-off period.

    Signing in before ``erase_after`` withdraws it (the row is deleted); after it,
    ``erase_deleted_accounts`` erases the account.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="deletion_request", verbose_name=_("member")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    erase_after = models.DateTimeField(_("erase after"), db_index=True)
    remove_posts = models.BooleanField(
        _("remove my posts too"),
        default=False,
        help_text=_("Otherwise your posts stay, shown as by “Former member”."),
    )

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")

    def __str__(self) -> str:
        return f"{self.user} ({self.erase_after:%Y-%m-%d})"
