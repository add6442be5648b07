from django.db import migrations

from community.common.site_identity import site_identity_sync


def site_identity_set(apps, schema_editor):
    """Replace Django's "example.com" with the site's own name and address (SITE_NAME, SITE_URL)."""
    site_identity_sync(apps.get_model("sites", "Site"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_account_deletion"),
        ("sites", "0002_alter_domain_unique"),
    ]

    # Going back leaves the name and address as they are: "example.com" helped no one.
    operations = [migrations.RunPython(site_identity_set, migrations.RunPython.noop)]
