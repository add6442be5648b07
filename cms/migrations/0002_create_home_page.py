"""Replace Wagtail's placeholder root page with our HomePage and make it the default site."""

from django.db import migrations

INTRO = (
    "<p>Find answers from the shop and from other customers, ask about a product before "
    "or after you buy it, and share what you made with it.</p>"
)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    home = HomePage.objects.create(
        title="Welcome to our customer community",
        draft_title="Welcome to our customer community",
        slug="home",
        intro=INTRO,
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page_id=home.pk, is_default_site=True)


def remove_home_page(apps, schema_editor):
    HomePage = apps.get_model("cms.HomePage")
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="cms").delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_home_page")]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
