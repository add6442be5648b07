from django.urls import path

from .views import actions, close_votes, edits, promotion, questions, reviews

app_name = "qa"

urlpatterns = [
    path("questions/", questions.QuestionListView.as_view(), name="question-list"),
    path("questions/ask/", questions.QuestionAskView.as_view(), name="question-ask"),
    path(
        "questions/<int:pk>/", questions.QuestionDetailView.as_view(), name="question-detail-short"
    ),
    path("questions/<int:pk>/edit/", questions.QuestionEditView.as_view(), name="question-edit"),
    path(
        "questions/<int:pk>/history/",
        questions.QuestionHistoryView.as_view(),
        name="question-history",
    ),
    path("questions/<int:pk>/delete/", questions.question_delete_view, name="question-delete"),
    path("questions/<int:pk>/answer/", actions.answer_create_view, name="answer-create"),
    path("questions/<int:pk>/comment/", actions.comment_create_view, name="comment-create"),
    path("questions/<int:pk>/vote/", actions.question_vote_view, name="question-vote"),
    path("questions/<int:pk>/lock/", actions.question_lock_view, name="question-lock"),
    path("questions/<int:pk>/close/", actions.question_close_view, name="question-close"),
    path(
        "questions/<int:pk>/close-vote/",
        close_votes.close_vote_view,
        name="question-close-vote",
    ),
    path("questions/<int:pk>/reopen/", actions.question_reopen_view, name="question-reopen"),
    path(
        "questions/<int:pk>/suggest-edit/",
        edits.question_suggest_edit_view,
        name="question-suggest-edit",
    ),
    # Last among the question paths: its slug would swallow "edit", "history", ...
    path(
        "questions/<int:pk>/<slug:slug>/",
        questions.QuestionDetailView.as_view(),
        name="question-detail",
    ),
    path("answers/<int:pk>/vote/", actions.answer_vote_view, name="answer-vote"),
    path("answers/<int:pk>/accept/", actions.answer_accept_view, name="answer-accept"),
    path("answers/<int:pk>/official/", actions.answer_official_view, name="answer-official"),
    path("answers/<int:pk>/promote/", promotion.answer_promote_view, name="answer-promote"),
    path("answers/<int:pk>/edit/", actions.answer_edit_view, name="answer-edit"),
    path("answers/<int:pk>/history/", actions.answer_history_view, name="answer-history"),
    path(
        "answers/<int:pk>/suggest-edit/", edits.answer_suggest_edit_view, name="answer-suggest-edit"
    ),
    path("edits/", edits.suggested_edit_list_view, name="suggested-edit-list"),
    path("edits/<int:pk>/", edits.suggested_edit_detail_view, name="suggested-edit-detail"),
    path("edits/<int:pk>/accept/", edits.suggested_edit_accept_view, name="suggested-edit-accept"),
    path("edits/<int:pk>/reject/", edits.suggested_edit_reject_view, name="suggested-edit-reject"),
    path("answers/<int:pk>/delete/", actions.answer_delete_view, name="answer-delete"),
    path("comments/<int:pk>/delete/", actions.comment_delete_view, name="comment-delete"),
    # Reviews
    path(
        "reviews/product/<int:product_id>/",
        reviews.ReviewListView.as_view(),
        name="review-list",
    ),
    path(
        "reviews/product/<int:product_id>/write/",
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
    path("reviews/<int:pk>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.ReviewEditView.as_view(), name="review-edit"),
    path("reviews/<int:pk>/withdraw/", reviews.review_withdraw_view, name="review-withdraw"),
    path("reviews/<int:pk>/helpful/", reviews.review_helpful_view, name="review-helpful"),
    path("reviews/<int:pk>/reply/", reviews.ReviewReplyView.as_view(), name="review-reply"),
    path("reviews/<int:pk>/history/", reviews.ReviewHistoryView.as_view(), name="review-history"),
]
