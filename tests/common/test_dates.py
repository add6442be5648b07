"""One way of showing when something happened, everywhere: relative for the last week, the
full date in the reader's language after that."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format


def _render(value) -> str:
    return Template("{% load dates %}{{ value|when }}").render(Context({"value": value}))


def test_something_recent_reads_relative():
    html = _render(timezone.now() - timedelta(hours=3))
    assert ">3\xa0hours ago</time>" in html
    assert html.startswith('<time datetime="')


def test_something_older_than_a_week_reads_as_its_full_date_in_the_readers_language():
    moment = timezone.make_aware(timezone.datetime(2025, 3, 12, 15, 0))
    assert ">March 12, 2025</time>" in _render(moment)
    with translation.override("nl"):
        assert ">12 maart 2025</time>" in _render(moment)


def test_a_moment_ago_reads_just_now():
    assert ">just now</time>" in _render(timezone.now())


@pytest.mark.django_db
def test_pages_show_dates_the_one_way(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)
    type(answer).objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=40))
    html = customer_client.get(question.get_absolute_url()).content.decode()
    old = timezone.localtime(timezone.now() - timedelta(days=40))
    assert f">{date_format(old, 'DATE_FORMAT')}</time>" in html
    assert "just now</time>" in html  # the question itself
