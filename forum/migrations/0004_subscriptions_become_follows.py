from django.db import migrations


class Migration(migrations.Migration):
    """Topic and board subscriptions live on as follows (notifications.Follow)."""

    dependencies = [
        ("forum", "0003_content_status_pending"),
        ("notifications", "0004_follows_from_forum_subscriptions"),
    ]

    operations = [
        migrations.DeleteModel(name="TopicSubscription"),
        migrations.DeleteModel(name="BoardSubscription"),
    ]
