"""The benchmarks' and load test's members: made once, reused on a later run, each able to
take part (a verified address, the reputation the run asks for)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from benchmarks.harness import members_ensure
from community.accounts.models import User

pytestmark = pytest.mark.django_db


def ensure(names, *, reputation=500):
    return members_ensure(
        names,
        shown_as=("load-", "Load member "),
        joined=timezone.now() - timedelta(days=180),
        password=make_password(None),
        reputation=reputation,
        staff={"load-staff"},
    )


def test_members_are_made_in_the_order_asked_with_a_verified_address():
    members = ensure(["load-0002", "load-0001", "load-staff"])

    assert [member.username for member in members] == ["load-0002", "load-0001", "load-staff"]
    assert members[0].display_name == "Load Member 0002"
    assert [member.is_staff for member in members] == [False, False, True]
    assert not members[0].has_usable_password()
    assert EmailAddress.objects.filter(user__in=members, verified=True, primary=True).count() == 3


def test_a_later_run_reuses_them_and_resets_their_reputation():
    first = ensure(["load-0001"], reputation=500)
    User.objects.filter(pk=first[0].pk).update(reputation=3)

    again = ensure(["load-0001", "load-0002"], reputation=500)

    assert again[0].pk == first[0].pk
    assert User.objects.filter(username__startswith="load-").count() == 2
    assert set(User.objects.values_list("reputation", flat=True)) == {500}
    assert EmailAddress.objects.filter(user__in=again).count() == 2
