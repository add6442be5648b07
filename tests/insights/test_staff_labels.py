"""Staff label questions and topics (assortment wish, product problem); members never see
the labels and cannot set them; other kinds take none."""

from django.urls import reverse

from community.moderation.enums import AuditAction, StaffLabelKind
from community.moderation.models import AuditLogEntry, StaffLabel


def _label(client, token, label="wish", on="1", next_url="/"):
    return client.post(
        reverse("moderation:label"), {"item": token, "label": label, "on": on, "next": next_url}
    )


def test_staff_label_a_question_from_its_page_and_take_the_label_off(
    client, staff_user, question_factory
):
    question = question_factory()
    client.force_login(staff_user)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Label as “Assortment wish”" in page
    assert "Label as “Product problem”" in page
    response = _label(client, f"question:{question.pk}", next_url=question.get_absolute_url())
    assert response.status_code == 302
    assert StaffLabel.objects.get().kind == StaffLabelKind.WISH
    assert (
        "Remove label “Assortment wish”" in client.get(question.get_absolute_url()).content.decode()
    )
    _label(client, f"question:{question.pk}", on="0")
    assert not StaffLabel.objects.exists()
    actions = list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.LABEL, AuditAction.UNLABEL]


def test_labelling_twice_keeps_one_label(client, staff_user, topic_factory):
    topic = topic_factory()
    client.force_login(staff_user)
    _label(client, f"topic:{topic.pk}", label="problem")
    _label(client, f"topic:{topic.pk}", label="problem")
    assert StaffLabel.objects.count() == 1
    assert AuditLogEntry.objects.count() == 1


def test_members_neither_see_nor_set_labels(customer_client, question_factory):
    question = question_factory()
    assert (
        "Assortment wish" not in customer_client.get(question.get_absolute_url()).content.decode()
    )
    assert _label(customer_client, f"question:{question.pk}").status_code == 403
    assert not StaffLabel.objects.exists()


def test_answers_take_no_labels_and_unknown_labels_are_refused(
    client, staff_user, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    client.force_login(staff_user)
    assert _label(client, f"answer:{answer.pk}").status_code == 403
    assert _label(client, f"question:{question.pk}", label="favourite").status_code == 404
    assert not StaffLabel.objects.exists()
