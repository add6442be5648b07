"""The apps tell reputation their reasons for points and their profile tabs."""

import pytest
from django.db import models

from community.reputation.enums import EventKind
from community.reputation.registry import (
    event_kind,
    event_kind_label,
    profile_tabs,
    register_event_kinds,
)
from qa.reputation import QaEventKind


def test_profile_tabs_come_in_the_order_the_profile_shows_them():
    assert [tab.key for tab in profile_tabs()] == ["questions", "answers", "topics", "reviews"]


def test_votes_and_helpful_marks_count_once_per_giver_and_the_rest_once_per_item():
    per_actor = {kind.value for kind in QaEventKind if event_kind(kind).per_actor}

    assert per_actor == {"question_upvoted", "answer_upvoted", "answer_downvoted", "review_helpful"}
    assert not event_kind(EventKind.HIDDEN_AS_SPAM).per_actor


def test_an_event_kind_is_labelled_by_the_app_that_registered_it():
    assert event_kind_label("answer_upvoted") == "Answer voted up"
    assert event_kind_label("gone_with_its_app") == "gone_with_its_app"


def test_an_unregistered_kind_earns_no_points():
    with pytest.raises(LookupError):
        event_kind("never_registered")


def test_two_apps_cannot_register_the_same_kind():
    class Clash(models.TextChoices):
        ANSWER_UPVOTED = "answer_upvoted", "Someone else's upvote"

    with pytest.raises(ValueError):
        register_event_kinds(Clash)
    assert event_kind("answer_upvoted").kind is QaEventKind.ANSWER_UPVOTED
