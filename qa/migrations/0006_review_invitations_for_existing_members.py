"""Members who joined before e-mail consent was asked keep their review invitations.

Review invitations became a kind of e-mail that members switch on or off, off by default
where the site requires consent (MAIL_MARKETING_REQUIRES_CONSENT). Until now every member
was invited unless their address opted out, so each existing member gets an explicit
choice that keeps that: on, or off when one of their verified addresses opted out. Members
who join from now on choose on the sign-up form. Backwards, the choices are removed (the
opt-outs were never touched).
"""

from django.conf import settings
from django.db import migrations

REVIEW_INVITATION = "review_invitation"


def choices_for_existing_members(apps, schema_editor):
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    address_model = apps.get_model("account", "EmailAddress")
    opt_out_model = apps.get_model("qa", "ReviewInvitationOptOut")
    preference_model = apps.get_model("notifications", "MailPreference")
    opted_out = set(opt_out_model.objects.values_list("email", flat=True))
    declined = {
        user_id
        for user_id, email in address_model.objects.filter(verified=True).values_list(
            "user_id", "email"
        )
        if email.lower() in opted_out
    }
    preference_model.objects.bulk_create(
        [
            preference_model(user_id=user_id, kind=REVIEW_INVITATION, enabled=user_id not in declined)
            for user_id in user_model.objects.values_list("pk", flat=True).iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def remove_choices(apps, schema_editor):
    preference_model = apps.get_model("notifications", "MailPreference")
    preference_model.objects.filter(kind=REVIEW_INVITATION).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0005_suggested_edits"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("notifications", "0007_mail_preferences_and_budget"),
    ]

    operations = [migrations.RunPython(choices_for_existing_members, remove_choices)]
