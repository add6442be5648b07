"""The site speaks Dutch to browsers that ask for it, and English to everyone else.

The Dutch comes from community/locale/nl/LC_MESSAGES/django.mo, which is committed, so
these tests need no gettext tools.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from community.common.buying_phase import Phase
from qa import services

PAGES = ["/", "/accounts/login/", "/questions/"]

# Our own strings that every page shows in its frame (skip link, header, footer).
FRAME_NL = ["Naar de inhoud", "Inloggen", "Registreren", "Vragen", "Taal", "Wijzigen"]
FRAME_EN = ["Skip to main content", "Sign in", "Join", "Questions", "Language", "Change"]

# And a few strings of each page's own.
PAGE_NL = {
    "/": ["Meld je aan bij de community", "help anderen met een antwoord"],
    "/accounts/login/": ["Gebruikersnaam of e-mailadres"],
    "/questions/": ["Stel een vraag", "Voor en na aankoop", "Nieuwste", "Onbeantwoord"],
}
PAGE_EN = {
    "/": ["Join the community", "and answer others"],
    "/accounts/login/": ["Username or email"],
    "/questions/": ["Ask a question", "Before and after buying", "Newest", "Unanswered"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_page_is_in_dutch_when_the_browser_asks(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    for text in FRAME_NL + PAGE_NL[path]:
        assert text in html, text
    for text in ("Skip to main content", "Sign out", "Join the community", "Ask a question"):
        assert text not in html, text


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_page_is_in_english_when_the_browser_asks(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    for text in FRAME_EN + PAGE_EN[path]:
        assert text in html, text
    for text in ("Naar de inhoud", "Inloggen", "Stel een vraag"):
        assert text not in html, text


def test_question_rows_use_dutch_plurals(client, user_factory):
    def ask(title, answers):
        question = services.question_create(
            author=user_factory(),
            title=title,
            body="",
            phase=Phase.AFTER_PURCHASE,
            product=None,
            tags=[],
        )
        for _ in range(answers):
            services.answer_create(question=question, author=user_factory(), body="Ja, dat past.")

    ask("Past het deksel op de pan van 28 cm?", answers=1)
    ask("Mag de pan in de vaatwasser?", answers=2)
    html = client.get("/questions/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "0 stemmen, 1 antwoord<" in html
    assert "0 stemmen, 2 antwoorden<" in html
    assert "Na aankoop" in html
    assert "gevraagd door" in html


def test_every_message_has_a_dutch_translation():
    """The committed catalogue covers every msgid (the .mo holds only translated ones)."""
    po = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header
    assert not [entry for entry in entries if "#, fuzzy" in entry]
    empty = re.compile(r'^msgstr(\[\d\])? ""$(?!\n")', re.M)
    assert not [entry for entry in entries if empty.search(entry)]
