import json
import re

import pytest

from community.moderation.services import content_hide
from qa import services

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _structured_data(html: str) -> dict:
    blocks = LD_JSON.findall(html)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_question_page_has_a_canonical_link(client, question_factory):
    question = question_factory(title="Does the lid fit the pan?")

    html = client.get(question.get_absolute_url()).content.decode()

    assert (
        f'<link rel="canonical" href="http://testserver/questions/{question.pk}/'
        'does-the-lid-fit-the-pan/">'
    ) in html


def test_question_page_describes_itself_as_a_qa_page(
    client, customer, user_factory, question_factory, answer_factory
):
    question = question_factory(
        author=customer, title="Does the lid fit the pan?", body="The **28 cm** one."
    )
    accepted = answer_factory(question=question, body="Yes, it fits snugly.")
    other = answer_factory(question=question, body="Mine rattles a little.")
    services.vote_cast(voter=user_factory(), item=accepted, value=1)
    services.answer_accept(answer=accepted, user=customer)

    data = _structured_data(client.get(question.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "QAPage"
    entity = data["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["name"] == "Does the lid fit the pan?"
    assert "The 28 cm one." in entity["text"]
    assert entity["answerCount"] == 2
    assert entity["dateCreated"] == question.created_at.isoformat()
    assert entity["author"] == {"@type": "Person", "name": customer.public_name}
    answer = entity["acceptedAnswer"]
    assert answer["@type"] == "Answer"
    assert answer["text"].strip() == "Yes, it fits snugly."
    assert answer["url"] == f"http://testserver{question.get_absolute_url()}#answer-{accepted.pk}"
    assert answer["upvoteCount"] == 1
    assert answer["dateCreated"] == accepted.created_at.isoformat()
    assert answer["author"] == {"@type": "Person", "name": accepted.author.public_name}
    assert [a["url"].rsplit("#", 1)[1] for a in entity["suggestedAnswer"]] == [f"answer-{other.pk}"]
    suggested = entity["suggestedAnswer"][0]
    assert suggested["text"].strip() == "Mine rattles a little."
    assert {"upvoteCount", "dateCreated", "author"} <= suggested.keys()


def test_unanswered_question_has_no_answers_in_its_structured_data(client, question_factory):
    question = question_factory()

    entity = _structured_data(client.get(question.get_absolute_url()).content.decode())[
        "mainEntity"
    ]

    assert entity["answerCount"] == 0
    assert "acceptedAnswer" not in entity
    assert "suggestedAnswer" not in entity


def test_structured_data_leaves_out_hidden_answers_even_for_staff(
    client, staff_user, question_factory, answer_factory
):
    question = question_factory()
    answer_factory(question=question, body="A useful public answer.")
    hidden = answer_factory(question=question, body="Spam spam spam spam.")
    content_hide(item=hidden, staff=staff_user, reason="Spam")
    client.force_login(staff_user)

    entity = _structured_data(client.get(question.get_absolute_url()).content.decode())[
        "mainEntity"
    ]

    assert entity["answerCount"] == 1
    assert "Spam" not in json.dumps(entity)


def test_structured_data_cannot_be_broken_out_of(client, question_factory, answer_factory):
    question = question_factory(
        title="</script><script>alert(1)</script> & friends?",
        body="Body with </script><b>tags</b>",
    )
    answer_factory(question=question, body="An answer with </script><img src=x onerror=alert(1)>")

    html = client.get(question.get_absolute_url()).content.decode()

    block = LD_JSON.findall(html)[0]
    assert "<" not in block
    assert ">" not in block
    assert "<script>alert(1)" not in html
    data = json.loads(block)
    assert data["mainEntity"]["name"] == "</script><script>alert(1)</script> & friends?"


def test_hidden_question_page_shows_the_author_no_structured_data(
    client, customer, staff_user, question_factory
):
    question = question_factory(author=customer)
    content_hide(item=question, staff=staff_user, reason="Spam")
    client.force_login(customer)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "application/ld+json" not in html


def test_sitemap_lists_public_questions_and_not_hidden_ones(
    client, customer, staff_user, question_factory
):
    public = question_factory(title="A public question for the sitemap")
    hidden = question_factory(title="A hidden question for the sitemap")
    deleted = question_factory(author=customer, title="A deleted question for the sitemap")
    content_hide(item=hidden, staff=staff_user, reason="Spam")
    services.question_delete(question=deleted, user=customer)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>http://testserver{public.get_absolute_url()}</loc>" in xml
    assert hidden.get_absolute_url() not in xml
    assert deleted.get_absolute_url() not in xml


def test_sitemap_leaves_out_duplicates(client, staff_user, question_factory):
    original = question_factory(title="The original question is listed")
    duplicate = question_factory(title="The duplicate question is not listed")
    services.question_close_as_duplicate(question=duplicate, original=original, staff=staff_user)

    xml = client.get("/sitemap.xml").content.decode()

    assert original.get_absolute_url() in xml
    assert duplicate.get_absolute_url() not in xml


def test_structured_data_text_is_plain_text_not_html(client, question_factory, answer_factory):
    question = question_factory(
        title="Can I use salt & vinegar on it?", body="Salt & vinegar, 2 < 3."
    )
    answer_factory(question=question, body="Yes: *salt* & vinegar are fine.")

    entity = _structured_data(client.get(question.get_absolute_url()).content.decode())[
        "mainEntity"
    ]

    assert entity["text"].strip() == "Salt & vinegar, 2 < 3."
    assert entity["suggestedAnswer"][0]["text"].strip() == "Yes: salt & vinegar are fine."


def test_meta_description_is_the_details_as_plain_text(client, question_factory):
    question = question_factory(body="Salt & **vinegar**, 2 < 3.")

    html = client.get(question.get_absolute_url()).content.decode()

    assert '<meta name="description" content="Salt &amp; vinegar, 2 &lt; 3.">' in html
