"""schema.org QAPage for a question page, with the fields search engines require."""

from community.common.markup import plain_text

from .selectors import QuestionThread


def qa_page(thread: QuestionThread, *, request) -> dict:
    question = thread.question
    public_answers = [a for a in thread.answers if a.is_published]
    accepted = next(
        (
            a
            for a in public_answers
            if a.pk in (question.accepted_answer_id, question.official_answer_id)
        ),
        None,
    )
    entity = {
        "@type": "Question",
        "name": question.title,
        "text": plain_text(question.body_rendered) or question.title,
        "answerCount": len(public_answers),
        "upvoteCount": question.score,
        "dateCreated": question.created_at.isoformat(),
        "author": _person(question.author, request),
    }
    if accepted:
        entity["acceptedAnswer"] = _answer(accepted, request)
    suggested = [_answer(a, request) for a in public_answers if a is not accepted]
    if suggested:
        entity["suggestedAnswer"] = suggested
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": entity}


def _answer(answer, request) -> dict:
    return {
        "@type": "Answer",
        "text": plain_text(answer.body_rendered),
        "upvoteCount": answer.score,
        "dateCreated": answer.created_at.isoformat(),
        "url": request.build_absolute_uri(answer.get_absolute_url()),
        "author": _person(answer.author, request),
    }


def _person(user, request) -> dict:
    return {"@type": "Person", "name": user.public_name}
