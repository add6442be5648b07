"""The demo's data files (demo/data/*.json), and the demo members the sign-in page lists.

Every process reads the sign-in page's accounts when it starts (``DemoConfig.ready``), so
they come from here rather than from the loader: the loader brings in every app's services
and Pillow's font drawing, which only ``seed_demo`` needs (about 2 MB a web worker would
otherwise hold).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"

# The roles the sign-in page shows, by the key the members file uses.
ROLE_NAMES = {"customer": _("Customer"), "staff": _("Staff"), "editor": _("Editor")}


@cache
def demo_data(subject: str) -> dict:
    """The contents of demo/data/<subject>.json (read once per process)."""
    with (DATA_DIR / f"{subject}.json").open(encoding="utf-8") as file:
        return json.load(file)


@dataclass(frozen=True)
class DemoAccount:
    """A demo member as the sign-in page lists it in development."""

    role: str
    username: str
    password: str


def sign_in_accounts() -> list[DemoAccount]:
    """The demo members the sign-in page lists, with their public password."""
    members = demo_data("members")
    return [
        DemoAccount(ROLE_NAMES[member["role"]], member["username"], members["password"])
        for member in members["members"]
        if member.get("listed_on_sign_in_page")
    ]
