"""Wagtail's documents, images, locales, redirects and snippets apps start as Wagtail starts
them, but for Wagtail's API v3, which the site does not serve (no process loads it:
tests/common/test_worker_modules.py)."""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap

import pytest
from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.images.widgets import AdminImageChooser
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

from cms.models import ProductPage
from community.common import wagtail_apps

OURS_AND_WAGTAILS = [
    (wagtail_apps.DocumentsConfig, WagtailDocsAppConfig),
    (wagtail_apps.ImagesConfig, WagtailImagesAppConfig),
    (wagtail_apps.LocalesConfig, WagtailLocalesAppConfig),
    (wagtail_apps.RedirectsConfig, WagtailRedirectsAppConfig),
    (wagtail_apps.SnippetsConfig, WagtailSnippetsAppConfig),
]


def _module_names(module) -> dict[str, str]:
    """What each name a module imports at its top stands for, in full."""
    tree = ast.parse(inspect.getsource(module))
    return _imported(tree.body, module.__name__)


def _imported(statements, module_name: str) -> dict[str, str]:
    names = {}
    for node in statements:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module_name.rsplit(".", node.level)[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                names[alias.asname or alias.name] = f"{base}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.partition(".")[0]] = alias.name
    return names


class _Qualified(ast.NodeTransformer):
    def __init__(self, names: dict[str, str]):
        self.names = names

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id=self.names.get(node.id, node.id)), node)


def _ready_steps(config_class) -> tuple[list[str], set[str]]:
    """What the class's own ready() does, names in full: its statements other than imports,
    in order, and what it imports; the API v3's imports and the statements using them left
    out."""
    function = config_class.__dict__["ready"]
    module = sys.modules[config_class.__module__]
    body = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0].body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    imports = [node for node in body if isinstance(node, ast.Import | ast.ImportFrom)]
    local = _imported(imports, module.__name__)
    api_v3 = {name for name, target in local.items() if ".api.v3" in target}
    names = {**_module_names(module), **local}
    steps = []
    for node in body:
        if node in imports:
            continue
        if api_v3 & {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}:
            continue
        steps.append(ast.dump(_Qualified(names).visit(node)))
    imported = {target for name, target in local.items() if name not in api_v3}
    return steps, imported


@pytest.mark.parametrize(
    ("ours", "wagtails"), OURS_AND_WAGTAILS, ids=[w.name for _, w in OURS_AND_WAGTAILS]
)
def test_each_app_starts_as_wagtails_own_but_for_the_api_v3(ours, wagtails):
    assert issubclass(ours, wagtails)
    assert _ready_steps(ours) == _ready_steps(wagtails), (
        f"Wagtail's {wagtails.__name__}.ready() is not what {ours.__name__}.ready() repeats: "
        "bring community/common/wagtail_apps.py in line with it."
    )


def test_wagtails_apps_keep_their_names_and_labels():
    for ours, wagtails in OURS_AND_WAGTAILS:
        config = apps.get_app_config(wagtails.label)
        assert type(config) is ours
        assert config.name == wagtails.name


def test_a_page_whose_slug_changes_keeps_its_old_address_as_a_redirect(
    product_factory, django_capture_on_commit_callbacks
):
    product = product_factory(title="Skillet")
    old_path = product.url
    product.slug = "cast-iron-skillet"
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()

    redirect = Redirect.objects.get(old_path=Redirect.normalise_path(old_path))
    assert redirect.redirect_page.pk == product.pk


def test_editors_choose_a_products_image_with_wagtails_image_chooser(db):
    form_class = ProductPage.get_edit_handler().get_form_class()

    assert isinstance(form_class.base_fields["image"].widget, AdminImageChooser)


def test_deleting_an_image_or_document_removes_its_file(
    image_factory, document_factory, django_capture_on_commit_callbacks
):
    image, document = image_factory(), document_factory()
    storage, names = image.file.storage, [image.file.name, document.file.name]
    assert all(storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
        document.delete()

    assert not any(storage.exists(name) for name in names)
