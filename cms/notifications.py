"""cms and the notifications floor: members follow product pages, and the people who approve
knowledge-base articles hear when one waits for them.

Wagtail e-mails a review task's approvers itself (in English, outside the site's mail path);
cms takes that receiver's place with a notification of its own (the bell, and an e-mail in
each approver's language through the one mail path). It does so by connecting under the
``dispatch_uid`` Wagtail uses: cms is ready before wagtail.admin, whose own connect then sees
the place taken and leaves it.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.notifications import registry
from community.notifications.enums import Channel
from community.notifications.services import notify

from .models import ProductPage
from .permissions import check_can_view_product

# What following a product promises; qa's questions and tags promise the same.
FOLLOWED_FOR_QUESTIONS = _(
    "You follow it now; new questions and answers appear under Notifications."
)
UNFOLLOWED = _("You no longer follow it.")


def register() -> None:
    registry.register_follow_target(
        key="product",
        model=ProductPage,
        check_can_see=check_can_view_product,
        queryset=lambda: ProductPage.objects.live(),
        url_of=lambda product: product.url,
        follow_label=_("Follow this product"),
        unfollow_label=_("Stop following this product"),
        followed_message=FOLLOWED_FOR_QUESTIONS,
        unfollowed_message=UNFOLLOWED,
        settings_label=_("Product:"),
    )


REVIEW_GROUP = "article_reviews"
REVIEW_KIND = "article_waits_for_approval"
DECIDED_KIND = "article_review_decided"
# Wagtail's own receivers (wagtail/admin/signal_handlers.py), whose places cms takes.
WAGTAIL_TASK_MAIL_UID = "group_approval_task_submitted_email_notification"
WAGTAIL_APPROVED_MAIL_UID = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_MAIL_UID = "workflow_state_rejected_email_notification"


def review_task_submitted(sender, instance, user=None, **kwargs) -> None:
    """An article (or any page) waits in a group approval task: tell the people who can
    approve it, pointing at the editor, where they approve or send it back."""
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    page = instance.workflow_state.content_object
    approvers = get_user_model().objects.filter(groups__in=groups.all(), is_active=True).distinct()
    notify(
        kind=REVIEW_KIND,
        event_key=f"review-task:{instance.pk}",
        recipients=list(approvers),
        actor=user,
        target=page,
        url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        text=page.title,
    )


def review_decided(sender, instance, user=None, approved: bool = True, **kwargs) -> None:
    """The review of what a member submitted ended: tell them it is live, or sent back."""
    # Read again: publishing went through a fresh copy, so the cached object may still say
    # "not live" on a first publication.
    page = instance.content_object.specific_class.objects.get(pk=instance.object_id)
    submitter = instance.requested_by
    if submitter is None:
        return
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    def text() -> str:
        sentence = (
            _("“%(title)s” was approved and is live.")
            if approved
            else _("“%(title)s” was sent back for changes.")
        )
        return sentence % {"title": page.title}

    notify(
        kind=DECIDED_KIND,
        event_key=f"review-{'approved' if approved else 'rejected'}:{instance.pk}",
        recipients=[submitter],
        actor=user,
        target=page,
        url=page.url if approved and page.live else edit_url,
        text=text,
    )


def review_rejected(sender, instance, user=None, **kwargs) -> None:
    review_decided(sender, instance, user=user, approved=False)


def register_review_notices() -> None:
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

    registry.register_group(
        key=REVIEW_GROUP,
        label=_("Reviews of knowledge-base articles (editors)"),
        default_channel=Channel.IMMEDIATE,
        position=80,
    )
    registry.register_kind(
        key=REVIEW_KIND,
        label=_("An article waits for your approval"),
        group=REVIEW_GROUP,
        email_subject=_("Waiting for your approval: “%(text)s”"),
    )
    registry.register_kind(
        key=DECIDED_KIND,
        label=_("The review of an article you submitted ended"),
        group=REVIEW_GROUP,
        email_subject=_("Article review: %(text)s"),
    )
    task_submitted.connect(
        review_task_submitted, sender=TaskState, dispatch_uid=WAGTAIL_TASK_MAIL_UID
    )
    workflow_approved.connect(
        review_decided, sender=WorkflowState, dispatch_uid=WAGTAIL_APPROVED_MAIL_UID
    )
    workflow_rejected.connect(
        review_rejected, sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTED_MAIL_UID
    )
