from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0008_help_requests_to_mail_preferences"),
    ]

    operations = [
        migrations.RemoveField(model_name="notificationsettings", name="help_requests"),
    ]
