"""The events a webhook endpoint may subscribe to; the apps register theirs in ``ready()``
(qa: questions, answers and reviews; cms: articles), and send them with
``services.webhook_event_send``."""

from __future__ import annotations

_events: dict[str, str] = {}


def register_event(key: str, label) -> None:
    _events[key] = label


def event_choices() -> list[tuple[str, str]]:
    return list(_events.items())


def is_event(key: str) -> bool:
    return key in _events
