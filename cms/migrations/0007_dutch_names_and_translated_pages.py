"""Pages in English and Dutch: a locale for each content language, and the editors may
translate pages ("Translate"). Dutch names for product and knowledge-base categories; a
translated product page has no SKU of its own (its original's is the shop's)."""

from django.conf import settings
from django.db import migrations, models


def locales_and_translators(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    translation_type, _created = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    submit, _created = Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(submit)


def no_translators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *editors.permissions.filter(codename="submit_translation")
        )


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0006_knowledge_base_approval_confirms'),
        ('simple_translation', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='knowledgebasecategory',
            name='name_nl',
            field=models.CharField(blank=True, help_text='Leave empty to use the name.', max_length=80, verbose_name='name in Dutch'),
        ),
        migrations.AddField(
            model_name='productcategory',
            name='description_nl',
            field=models.TextField(blank=True, max_length=500, verbose_name='description in Dutch'),
        ),
        migrations.AddField(
            model_name='productcategory',
            name='name_nl',
            field=models.CharField(blank=True, help_text='Leave empty to use the name.', max_length=80, verbose_name='name in Dutch'),
        ),
        migrations.AlterField(
            model_name='productpage',
            name='sku',
            field=models.CharField(blank=True, default=None, help_text="The shop's article number; imports and orders find the product by it.", max_length=64, null=True, unique=True, verbose_name='SKU'),
        ),
        migrations.RunPython(locales_and_translators, no_translators),
    ]
