from django.urls import include, path

from .views import actions, close_votes, edits, promotion, questions, reviews

app_name = "qa"

# What one question offers, below "questions/<id:pk>/".
question_patterns = [
    path("", questions.QuestionDetailView.as_view(), name="question-detail-short"),
    path("edit/", questions.QuestionEditView.as_view(), name="question-edit"),
    path("history/", questions.QuestionHistoryView.as_view(), name="question-history"),
    path("delete/", questions.question_delete_view, name="question-delete"),
    path("answer/", actions.answer_create_view, name="answer-create"),
    path("comment/", actions.comment_create_view, name="comment-create"),
    path("vote/", actions.question_vote_view, name="question-vote"),
    path("lock/", actions.question_lock_view, name="question-lock"),
    path("close/", actions.question_close_view, name="question-close"),
    path("close-vote/", close_votes.close_vote_view, name="question-close-vote"),
    path("reopen/", actions.question_reopen_view, name="question-reopen"),
    path("suggest-edit/", edits.question_suggest_edit_view, name="question-suggest-edit"),
    # Last among the question paths: its slug would swallow "edit", "history", ...
    path("<slug:slug>/", questions.QuestionDetailView.as_view(), name="question-detail"),
]

# What one answer offers, below "answers/<id:pk>/".
answer_patterns = [
    path("vote/", actions.answer_vote_view, name="answer-vote"),
    path("accept/", actions.answer_mark_view, {"mark": "accepted"}, name="answer-accept"),
    path("official/", actions.answer_mark_view, {"mark": "official"}, name="answer-official"),
    path("promote/", promotion.answer_promote_view, name="answer-promote"),
    path("edit/", actions.answer_edit_view, name="answer-edit"),
    path("history/", actions.answer_history_view, name="answer-history"),
    path("suggest-edit/", edits.answer_suggest_edit_view, name="answer-suggest-edit"),
    path("delete/", actions.answer_delete_view, name="answer-delete"),
]

# The suggested edits waiting for a decision, below "edits/".
suggested_edit_patterns = [
    path("", edits.suggested_edit_list_view, name="suggested-edit-list"),
    path("<id:pk>/", edits.suggested_edit_detail_view, name="suggested-edit-detail"),
    path("<id:pk>/accept/", edits.suggested_edit_accept_view, name="suggested-edit-accept"),
    path("<id:pk>/reject/", edits.suggested_edit_reject_view, name="suggested-edit-reject"),
]

# One review, below "reviews/<id:pk>/".
review_patterns = [
    path("", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path("edit/", reviews.ReviewEditView.as_view(), name="review-edit"),
    path("withdraw/", reviews.review_withdraw_view, name="review-withdraw"),
    path("helpful/", reviews.review_helpful_view, name="review-helpful"),
    path("reply/", reviews.ReviewReplyView.as_view(), name="review-reply"),
    path("history/", reviews.ReviewHistoryView.as_view(), name="review-history"),
]

urlpatterns = [
    path("questions/", questions.QuestionListView.as_view(), name="question-list"),
    path("questions/ask/", questions.QuestionAskView.as_view(), name="question-ask"),
    path("questions/<id:pk>/", include(question_patterns)),
    path("answers/<id:pk>/", include(answer_patterns)),
    path("edits/", include(suggested_edit_patterns)),
    path("comments/<id:pk>/delete/", actions.comment_delete_view, name="comment-delete"),
    # Reviews
    path(
        "reviews/product/<id:product_id>/",
        reviews.ReviewListView.as_view(),
        name="review-list",
    ),
    path(
        "reviews/product/<id:product_id>/write/",
        reviews.ReviewCreateView.as_view(),
        name="review-create",
    ),
    path("reviews/staff/unanswered/", reviews.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "reviews/invitation/<str:token>/", reviews.review_invitation_view, name="review-invitation"
    ),
    path(
        "reviews/invitations/opt-out/<str:token>/",
        reviews.review_opt_out_view,
        name="review-opt-out",
    ),
    path("reviews/<id:pk>/", include(review_patterns)),
]
