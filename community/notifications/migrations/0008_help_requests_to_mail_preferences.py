"""The "ask me to help" switch becomes the member's choice of the "help_request" e-mail.

Members who had switched it on keep receiving requests: each gets an explicit "on" choice
(their consent, given before). Everyone else never chose, and the kind is opt-in, so they
stay off without a row. Backwards, the switch is set from the choices again.
"""

from django.db import migrations

HELP_REQUEST = "help_request"


def switches_to_choices(apps, schema_editor):
    settings_model = apps.get_model("notifications", "NotificationSettings")
    preference_model = apps.get_model("notifications", "MailPreference")
    user_ids = settings_model.objects.filter(help_requests=True).values_list("user_id", flat=True)
    preference_model.objects.bulk_create(
        [preference_model(user_id=user_id, kind=HELP_REQUEST, enabled=True) for user_id in user_ids],
        ignore_conflicts=True,
    )


def choices_to_switches(apps, schema_editor):
    settings_model = apps.get_model("notifications", "NotificationSettings")
    preference_model = apps.get_model("notifications", "MailPreference")
    wanting = preference_model.objects.filter(kind=HELP_REQUEST, enabled=True)
    settings_model.objects.filter(user_id__in=wanting.values("user_id")).update(help_requests=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0007_mail_preferences_and_budget"),
    ]

    operations = [migrations.RunPython(switches_to_choices, choices_to_switches)]
