"""``{% fixed_url %}`` gives exactly what ``{% url %}`` gives (it only looks the link up once per
process): in every language, under a script prefix, for the current application of a
namespace with several instances, escaped or not."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import NoReverseMatch, include, path, resolve, set_script_prefix
from django.utils import translation


def _view(request):
    return HttpResponse()


_pans = ([path("pans/", _view, name="pans")], "shop")
urlpatterns = [
    path("a&b/", _view, name="ampersand"),
    path("shop-a/", include(_pans, namespace="shop-a")),
    path("shop-b/", include(_pans, namespace="shop-b")),
    *i18n_patterns(path("kettles/", _view, name="kettles")),
]


@pytest.fixture(autouse=True)
def _these_urls(settings):
    settings.ROOT_URLCONF = __name__
    yield
    set_script_prefix("/")


def _both(name: str, context=None) -> tuple[str, str]:
    context = context if context is not None else Context()
    fixed = Template(f"{{% load fixed_urls %}}{{% fixed_url '{name}' %}}").render(context)
    usual = Template(f"{{% url '{name}' %}}").render(context)
    return fixed, usual


def test_each_language_gets_its_own_link():
    for language in ("en", "nl", "en"):
        with translation.override(language):
            fixed, usual = _both("kettles")
            assert fixed == usual == f"/{language}/kettles/"


def test_the_script_prefix_is_part_of_the_link():
    assert _both("ampersand")[0] == "/a&amp;b/"
    set_script_prefix("/community/")

    fixed, usual = _both("ampersand")

    assert fixed == usual == "/community/a&amp;b/"


def test_the_current_application_picks_the_namespaces_instance():
    for address in ("/shop-b/pans/", "/shop-a/pans/"):
        request = RequestFactory().get(address)
        request.resolver_match, request.user = resolve(address), AnonymousUser()

        fixed, usual = _both("shop:pans", RequestContext(request))

        assert fixed == usual == address


def test_unescaped_where_autoescape_is_off():
    fixed, usual = _both("ampersand", Context(autoescape=False))

    assert fixed == usual == "/a&b/"


def test_an_unknown_name_fails_as_url_does():
    with pytest.raises(NoReverseMatch):
        _both("no-such-page")


def test_arguments_are_refused_when_the_template_is_read():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fixed_urls %}{% fixed_url 'reputation:profile' 'ann' %}")
