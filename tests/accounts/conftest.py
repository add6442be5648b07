from dataclasses import dataclass

import pytest
from allauth.socialaccount.models import SocialAccount

from community.accounts.models import User
from community.accounts.services import profile_update
from community.common.uploads import ImageUpload
from community.moderation.appeals import appeal_create
from community.moderation.notices import notice_create
from community.moderation.selectors import latest_statement_about
from community.moderation.services import content_hide, flag_create
from qa import services as qa_services
from qa.promotion import article_promote_from_answer
from tests.conftest import image_upload

# What makes the member recognisable; none of it may be left anywhere after erasure.
PERSONAL = {
    "username": "zoe_unique",
    "email": "zoe.private@example.org",
    "display_name": "Zoetje Privacylaan",
    "first_name": "Zoetje",
    "last_name": "Privacylaan",
    "bio": "Lives in Utrecht with three cats called Mop, Pluis and Sokje.",
}


@dataclass
class Member:
    user: User
    other: User
    question: object
    answer: object
    comment: object
    review: object
    topic: object
    reply: object
    article: object


@pytest.fixture
def export_root(settings, tmp_path):
    settings.PERSONAL_DATA_EXPORT_ROOT = tmp_path / "exports"
    return settings.PERSONAL_DATA_EXPORT_ROOT


@pytest.fixture
def member(
    export_root,
    user_factory,
    staff_user,
    knowledge_base,
    product,
    purchase_factory,
    question_factory,
    topic_factory,
    reply_factory,
):
    """A member who has done a bit of everything, and another member who answered them."""
    user = user_factory(
        username=PERSONAL["username"],
        email=PERSONAL["email"],
        first_name=PERSONAL["first_name"],
        last_name=PERSONAL["last_name"],
    )
    profile_update(
        user=user,
        display_name=PERSONAL["display_name"],
        bio=PERSONAL["bio"],
        avatar=ImageUpload(image_upload(), ""),
    )
    SocialAccount.objects.create(user=user, provider="google", uid="zoe-google-uid")
    other = user_factory(username="olaf_other")

    question = question_factory(author=user, title="Does the kettle fit under a low cupboard?")
    # Another member answers: the member is notified (and follows their question).
    qa_services.answer_create(question=question, author=other, body="Yes, mine does.")
    theirs = question_factory(author=other, title="Which filter suits the big kettle?")
    answer = qa_services.answer_create(
        question=theirs, author=user, body="The fine mesh filter suits it best."
    )
    comment = qa_services.comment_create(
        question=theirs, author=user, body="Thanks for asking this one."
    )
    qa_services.vote_cast(voter=user, item=theirs, value=1)
    purchase_factory(email=user.email, product=product)
    review = qa_services.review_create(
        author=user,
        product=product,
        rating=5,
        title="Boils fast",
        body="Quiet and quick, a pleasure every morning.",
        photos=[ImageUpload(image_upload(color="red"), "My kettle on the counter")],
    )
    topic = topic_factory(
        author=user,
        title="My kitchen corner",
        photos=[ImageUpload(image_upload(color="blue"), "The corner")],
    )
    reply = reply_factory(topic=topic_factory(author=other), author=user, body="Lovely tiles!")
    flag_create(flagger=user, target=theirs, reason="spam", note="Looks like an advert to me")
    notice_create(
        target=theirs,
        sender=user,
        address="192.0.2.20",
        explanation=f"Written by {PERSONAL['display_name']}: this copies a manual word for word.",
        good_faith=True,
    )
    # A moderator hides one of the member's comments; the member objects in their own words.
    hidden = qa_services.comment_create(question=theirs, author=user, body="Buy cheap kettles!")
    content_hide(item=hidden, staff=staff_user, reason="Advertising")
    statement = latest_statement_about(hidden)
    appeal_create(
        statement=statement,
        member=user,
        text=f"I am {PERSONAL['first_name']} {PERSONAL['last_name']} and it was a joke.",
    )
    article = article_promote_from_answer(answer=answer, staff=staff_user)
    article.save_revision(user=staff_user).publish()
    user.refresh_from_db()
    return Member(
        user=user,
        other=other,
        question=question,
        answer=answer,
        comment=comment,
        review=review,
        topic=topic,
        reply=reply,
        article=article,
    )
