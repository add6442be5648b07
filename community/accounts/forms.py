from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.common.uploads import ImageUpload
from community.notifications.services import mail_marketing_consent_record

from .models import User
from .services import language_remember


class ProfileForm(forms.Form):
    """What a member can change about how others see them."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        help_text=User._meta.get_field("display_name").help_text,
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=User._meta.get_field("bio").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=User._meta.get_field("bio").help_text,
    )
    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture; we crop it square and remove its metadata."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    credit_in_articles = forms.BooleanField(
        label=_("Credit me when my answer becomes an article"),
        required=False,
        help_text=User._meta.get_field("credit_in_articles").help_text,
    )

    language = forms.ChoiceField(
        label=_("Language of our e-mails"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=User._meta.get_field("language").help_text,
    )

    @classmethod
    def for_user(cls, user: User, **kwargs) -> "ProfileForm":
        initial = {
            "display_name": user.display_name,
            "bio": user.bio,
            "avatar": user.avatar,
            "credit_in_articles": user.credit_in_articles,
            "language": user.language or settings.LANGUAGE_CODE,
        }
        return cls(initial=initial, **kwargs)

    def clean_language(self) -> str | None:
        """The chosen language; None (keep it) when the form did not send one."""
        return self.cleaned_data["language"] or None

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean_avatar(self) -> ImageUpload | bool | None:
        """A newly picked picture (checked by the profile service), False to remove the
        current one, None to keep it."""
        upload = self.cleaned_data.get("avatar")
        if upload is False:
            return False
        if upload and hasattr(upload, "content_type"):
            return ImageUpload(upload)
        return None


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in form with a label that says what to type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or email")
        self.fields["login"].widget.attrs["autocomplete"] = "username"


class AccountDeletionForm(forms.Form):
    """A member asks for their account to be deleted, confirming with their password (members
    without one confirm through an e-mailed link instead, and get no password field)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    remove_posts = forms.BooleanField(
        label=_("Remove my posts too"),
        required=False,
        help_text=_(
            "Otherwise your questions, answers, reviews and forum posts stay, shown as by "
            "“Former member”, so that others can still find the help in them."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Your account has not been changed."),
                code="wrong_password",
            )
        return password


class AccountEraseForm(forms.Form):
    """Staff erase a member's account at once (the member asked support, by letter or phone)."""

    username = forms.CharField(label=_("Username or e-mail address of the member"), max_length=254)
    remove_posts = forms.BooleanField(
        label=_("Remove their posts too"),
        required=False,
        help_text=_("Otherwise their posts stay, shown as by “Former member”."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        help_text=_("Their name, e-mail addresses, profile, notifications and follows are erased."),
    )

    def clean_username(self) -> User:
        name = self.cleaned_data["username"].strip()
        member = (
            User.objects.filter(erased_at__isnull=True)
            .filter(models.Q(username__iexact=name) | models.Q(emailaddress__email__iexact=name))
            .distinct()
            .first()
        )
        if member is None:
            raise forms.ValidationError(_("There is no member by that name or address."))
        if member.is_staff or member.is_superuser:
            raise forms.ValidationError(
                _("Staff accounts are not erased here: take away their staff rights first.")
            )
        return member


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form with the member's consent to marketing-like e-mail (review
    invitations, requests to help other buyers). Unticked where the site requires consent
    (MAIL_MARKETING_REQUIRES_CONSENT); the preference centre changes it later."""

    marketing_mail = forms.BooleanField(
        label=_(
            "E-mail me invitations to review products I bought and requests to help other buyers"
        ),
        required=False,
        help_text=_("At most a few a week; you can switch them off at any time."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marketing_mail"].initial = not settings.MAIL_MARKETING_REQUIRES_CONSENT

    def save(self, request):
        user = super().save(request)
        # The language the browser asked for (LocaleMiddleware chose it): their e-mails'.
        language_remember(user=user, language=translation.get_language())
        mail_marketing_consent_record(user=user, consent=self.cleaned_data["marketing_mail"])
        return user
