"""A Content-Security-Policy under which inline script cannot run on the public site, and no
template that relies on inline script (which the policy would silently break)."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_FOLDERS = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("*/*/templates")]

# A <script> element that runs code: without src=, and not a data block such as JSON-LD.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/(?:ld\+)?json)[^>]*>", re.IGNORECASE
)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def _site_templates():
    for folder in TEMPLATE_FOLDERS:
        for path in folder.rglob("*.html"):
            if "emails" in path.relative_to(folder).parts:
                continue  # e-mail is read in a mail program, under no page's policy
            yield path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/signup/", "/questions/", "/search/?q=kettle", "/forum/"],
)
def test_public_pages_forbid_inline_script_plugins_foreign_bases_forms_and_framing(path):
    response = Client().get(path)
    assert response.status_code == 200
    policy = _directives(response)

    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "data:" in policy["img-src"]


@pytest.mark.django_db
def test_a_question_page_and_the_ask_form_carry_the_policy(question_factory, customer_client):
    question = question_factory()
    for response in (
        Client().get(question.get_absolute_url()),
        customer_client.get(reverse("qa:question-ask")),
    ):
        assert response.status_code == 200
        assert _directives(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_a_429_carries_the_policy_too(settings):
    settings.SEARCH_SUGGESTIONS_RATE = "1/m"
    browser = Client()
    url = reverse("search:suggestions")
    browser.get(url, {"title": "kettle"})
    refused = browser.get(url, {"title": "kettle"})
    assert refused.status_code == 429
    assert _directives(refused)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_admin_has_a_policy_of_its_own(staff_user):
    browser = Client()
    browser.force_login(staff_user)
    policy = _directives(browser.get("/admin/login/"))
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_uploaded_media_on_another_origin_may_be_shown(monkeypatch):
    import importlib

    import community.settings.base as base

    monkeypatch.setenv("MEDIA_URL", "https://media.example-cdn.com/community/")
    try:
        reloaded = importlib.reload(base)
        directives = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://media.example-cdn.com" in directives["img-src"]
    finally:
        monkeypatch.delenv("MEDIA_URL")
        importlib.reload(base)


def test_no_template_has_inline_script_event_handlers_or_inline_styles():
    offenders = []
    for path in _site_templates():
        text = path.read_text(encoding="utf-8")
        for rule in (INLINE_SCRIPT, EVENT_HANDLER, SCRIPT_URL, STYLE_ATTRIBUTE):
            for match in rule.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)[:80]}")
    assert not offenders, "blocked by the Content-Security-Policy:\n" + "\n".join(offenders)


def test_the_template_scan_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_SCRIPT.search('<script type="module">x()</script>')
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert EVENT_HANDLER.search('<button onclick="go()">')
    assert not EVENT_HANDLER.search('<button data-once="go">')
    assert SCRIPT_URL.search('<a href="javascript:go()">')
    assert STYLE_ATTRIBUTE.search('<span style="width: 5%">')


def test_htmx_is_configured_once_without_eval_or_injected_styles():
    """htmx reads the first htmx-config only: a second one would silently be ignored."""
    import json

    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    configs = re.findall(r"<meta name=\"htmx-config\" content='([^']*)'>", base)
    assert len(configs) == 1
    config = json.loads(configs[0])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
