"""Product reviews: the list per product, one review, writing and editing, helpful marks,
the shop's reply, the staff queue, and the invitation links (staff hide and restore reviews
through moderation's one endpoint).

Every action is a plain form post; the helpful mark also answers htmx with its button.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView

from cms.models import ProductPage
from cms.translation import title_in_reader_language
from community.accounts.permissions import check_is_community_staff, is_community_staff
from community.common import htmx
from community.common.htmx import partial_or_redirect
from community.common.views import or_404, query_int, rate_limited_response
from community.moderation.trust import (
    refusal_show,
    refusal_status,
    refused_for_contents,
    thank_for_post,
)
from community.photos.selectors import photos_for
from community.revisions.selectors import revision_history

from .. import permissions, selectors, services
from ..enums import ReviewGate, ReviewOrder, StarRating
from ..forms import (
    ReviewEditForm,
    ReviewForm,
    ReviewReplyForm,
    review_photo_formset,
)
from ..models import Review

PAGE_SIZE = 10
QUEUE_PAGE_SIZE = 25


def _product(product_id: int) -> ProductPage:
    """The live product, with its title in the reader's language (``reader_title``)."""
    return get_object_or_404(
        ProductPage.objects.live().annotate(reader_title=title_in_reader_language()),
        pk=product_id,
    )


def _review(pk: int) -> Review:
    return or_404(selectors.review_get, pk)


class ReviewListView(TemplateView):
    """All of a product's reviews: sorted, filtered by stars or photos, paged."""

    template_name = "qa/reviews/review_list.html"

    def get_context_data(self, **kwargs):
        product = _product(kwargs["product_id"])
        params = self.request.GET
        order = params.get("order") if params.get("order") in ReviewOrder.values else "helpful"
        stars = query_int(params.get("stars"))
        stars = stars if stars in StarRating.values else None
        with_photos = params.get("photos") == "1"
        reviews = selectors.review_list(
            product=product, order=order, stars=stars, with_photos=with_photos
        )
        page = Paginator(reviews, PAGE_SIZE).get_page(params.get("page"))
        user = self.request.user
        mine = selectors.own_review(user=user, product=product)
        return {
            **super().get_context_data(**kwargs),
            "product": product,
            "product_title": product.reader_title,
            "page_obj": page,
            "reviews": selectors.review_cards(list(page.object_list), viewer=user),
            "summary": selectors.rating_summary(product=product),
            "gate": permissions.review_gate(user, product, own_review=mine),
            "own_review": mine,
            "order": order,
            "orders": ReviewOrder.choices,
            "stars": stars,
            "with_photos": with_photos,
            "is_staff": is_community_staff(user),
        }


class ReviewDetailView(TemplateView):
    """One review on its own page: where links to a review (and to its reply) lead."""

    template_name = "qa/reviews/review_detail.html"

    def get_context_data(self, **kwargs):
        review = _review(kwargs["pk"])
        user = self.request.user
        permissions.check_can_view_review(user, review)
        selectors.review_cards([review], viewer=user)
        return {
            **super().get_context_data(**kwargs),
            "review": review,
            "product": review.product,
            "product_title": review.product_title,
            "is_staff": is_community_staff(user),
        }


class _ReviewFormView(LoginRequiredMixin, View):
    """Shared by writing and editing: the review form with its photo slots, and posting it.

    A subclass binds its forms (``bound_forms``) and saves the review through its service
    (``save``); the author then reads ``saved_message`` on the review's page."""

    template_name = "qa/reviews/review_form.html"
    saved_message = ""
    product_title = ""  # in the reader's language, set with the product

    def bound_forms(self):
        raise NotImplementedError

    def save(self, form, photo_forms) -> Review:
        raise NotImplementedError

    def may_post(self) -> bool:
        """Whether the member may send this form at all (so that the photos chosen on it,
        when it is sent back, are worth keeping)."""
        return True

    def post(self, request, *args, **kwargs):
        form, photo_forms = self.bound_forms()
        if form.is_valid() and photo_forms.is_valid():
            try:
                review = self.save(form, photo_forms)
            except ValidationError as error:
                refusal_show(error, form=form, photo_forms=photo_forms)
            else:
                thank_for_post(request, review, self.saved_message)
                return redirect(review)
        if self.may_post() and refused_for_contents(form):
            photo_forms.keep(request.user)  # the photos chosen are offered again, not lost
        else:
            photo_forms.let_go()  # refused whatever they show: none is decoded or stored
        return self.render_form(form, photo_forms, status=refusal_status(form))

    def render_form(self, form, photo_forms, *, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "photo_forms": photo_forms,
                "product": self.product,
                "product_title": self.product_title,
                "review": getattr(self, "review", None),
                "photos": getattr(self, "photos", []),
                "star_choices": StarRating.choices,
            },
            status=status,
        )

    def refused(self, gate: ReviewGate):
        """Why this customer cannot write a review, with the way forward, instead of a form."""
        mine = selectors.own_review(user=self.request.user, product=self.product)
        return render(
            self.request,
            "qa/reviews/review_refused.html",
            {
                "product": self.product,
                "product_title": self.product_title,
                "gate": gate,
                "reason": permissions.gate_refusal(gate, user=self.request.user),
                "own_review": mine,
            },
            status=403,
        )

    def bound_photo_forms(self, slots: int):
        # A form posted without the photo fields (an old page, a script) has no photos.
        if "photos-TOTAL_FORMS" not in self.request.POST:
            return review_photo_formset(
                data={"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}, slots=slots
            )
        return review_photo_formset(
            self.request.POST, self.request.FILES, slots=slots, owner=self.request.user
        )


class ReviewCreateView(_ReviewFormView):
    saved_message = gettext_lazy("Thank you! Your review is posted.")

    def dispatch(self, request, *args, **kwargs):
        self.product = _product(kwargs["product_id"])
        self.product_title = self.product.reader_title
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        gate = permissions.review_gate(request.user, self.product)
        if gate != ReviewGate.CAN_WRITE:
            return self.refused(gate)
        initial = {}
        if query_int(request.GET.get("rating")) in StarRating.values:
            initial["rating"] = query_int(request.GET.get("rating"))
        return self.render_form(ReviewForm(initial=initial), review_photo_formset())

    def bound_forms(self):
        return ReviewForm(self.request.POST), self.bound_photo_forms(slots=None)

    def may_post(self) -> bool:
        return permissions.review_gate(self.request.user, self.product) == ReviewGate.CAN_WRITE

    def save(self, form, photo_forms) -> Review:
        return services.review_create(
            author=self.request.user,
            product=self.product,
            photos=photo_forms.uploads(),
            **form.cleaned_data,
        )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PermissionDenied:
            # The service refused the review (written in another tab meanwhile, say).
            return self.refused(permissions.review_gate(request.user, self.product))


class ReviewEditView(_ReviewFormView):
    saved_message = gettext_lazy("Your changes are saved.")

    def dispatch(self, request, *args, **kwargs):
        self.review = _review(kwargs["pk"])
        self.product = self.review.product
        self.product_title = self.review.product_title
        if request.user.is_authenticated:
            permissions.check_can_edit_review(request.user, self.review)
        self.photos = photos_for(Review, [self.review.pk]).get(self.review.pk, [])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        review = self.review
        form = ReviewEditForm(
            initial={
                "rating": review.rating,
                "title": review.title,
                "body": review.body,
                "pros": review.pros,
                "cons": review.cons,
            },
            photos=self.photos,
        )
        return self.render_form(form, review_photo_formset(slots=self.free_slots(())))

    def free_slots(self, removed) -> int:
        kept = [photo for photo in self.photos if photo.pk not in removed]
        return settings.REVIEW_MAX_PHOTOS - len(kept)

    def bound_forms(self):
        form = ReviewEditForm(self.request.POST, photos=self.photos)
        removed = form.cleaned_data.get("remove_photos", []) if form.is_valid() else []
        return form, self.bound_photo_forms(slots=self.free_slots(removed))

    def save(self, form, photo_forms) -> Review:
        fields = dict(form.cleaned_data)
        removed = fields.pop("remove_photos", [])
        return services.review_edit(
            review=self.review,
            editor=self.request.user,
            photos=photo_forms.uploads(),
            remove_photo_ids=removed,
            **fields,
        )


@require_POST
@login_required
def review_withdraw_view(request, pk):
    review = _review(pk)
    services.review_withdraw(review=review, user=request.user)
    messages.success(
        request, _("Your review is withdrawn. You can write a new one whenever you like.")
    )
    return redirect("qa:review-list", product_id=review.product_id)


@require_POST
@htmx.login_required
def review_helpful_view(request, pk):
    """Mark a review helpful or take the mark back; a member marking too fast gets 429 with
    Retry-After (htmx: the button as it was, with the reason)."""
    review = _review(pk)
    context = {"review": review, "can_mark_helpful": True}
    try:
        marked, count = services.review_helpful_toggle(review=review, voter=request.user)
    except ValidationError as refusal:
        if not htmx.is_htmx(request):
            return rate_limited_response(request, refusal, template="429.html")
        selectors.review_cards([review], viewer=request.user)  # the mark as it still is
        return rate_limited_response(
            request, refusal, template="qa/reviews/includes/helpful.html", context=context
        )
    review.marked_helpful = marked
    return partial_or_redirect(
        request,
        partial="qa/reviews/includes/helpful.html",
        context=context,
        redirect_to=review.get_absolute_url(),
    )


class ReviewReplyView(LoginRequiredMixin, View):
    """Staff write or edit the shop's public reply to a review."""

    template_name = "qa/reviews/reply_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.review = _review(kwargs["pk"])
        if request.user.is_authenticated:
            permissions.check_can_reply_to_review(request.user, self.review)
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, *, status=200):
        selectors.review_cards([self.review], viewer=self.request.user)
        return render(
            self.request, self.template_name, {"form": form, "review": self.review}, status=status
        )

    def get(self, request, *args, **kwargs):
        reply = getattr(self.review, "reply", None)
        return self.render_form(ReviewReplyForm(initial={"body": reply.body if reply else ""}))

    def post(self, request, *args, **kwargs):
        form = ReviewReplyForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        services.review_reply_save(
            review=self.review, staff=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your reply is published under the review."))
        return redirect(self.review)


class ReviewHistoryView(TemplateView):
    template_name = "qa/reviews/review_history.html"

    def get_context_data(self, **kwargs):
        review = _review(kwargs["pk"])
        permissions.check_can_view_review(self.request.user, review)
        return {
            **super().get_context_data(**kwargs),
            "review": review,
            "item": review,
            "history": revision_history(review),
        }


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    """Staff: reviews the shop has not replied to yet, the worst first."""

    template_name = "qa/reviews/staff_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            check_is_community_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.reviews_awaiting_reply(), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return {**super().get_context_data(**kwargs), "page_obj": page, "reviews": page}


def review_invitation_view(request, token):
    """Where the invitation e-mail's button leads: the review form for that product, after
    signing in if needed. A tampered link is refused; an expired one says so and still
    offers the form."""
    link = selectors.review_invitation_link(token)
    if link.product_id is None:
        return render(request, "qa/reviews/invitation_invalid.html", status=400)
    product = ProductPage.objects.live().filter(pk=link.product_id).first()
    if product is None:
        raise Http404
    form_url = reverse("qa:review-create", kwargs={"product_id": product.pk})
    if link.expired:
        return render(
            request,
            "qa/reviews/invitation_expired.html",
            {"product": product, "form_url": form_url},
            status=410,
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return redirect(form_url)


# Mail programs post the RFC 8058 one-click unsubscribe without a CSRF token; the signed
# token in the address is what authorises the opt-out.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def review_opt_out_view(request, token):
    """Stop review invitations for an address: GET asks to confirm, POST does it."""
    email = selectors.review_opt_out_address(token)
    if email is None:
        return render(request, "qa/reviews/invitation_invalid.html", status=400)
    if request.method == "POST":
        services.review_invitation_opt_out(email=email)
        return render(request, "qa/reviews/opt_out.html", {"email": email, "done": True})
    return render(request, "qa/reviews/opt_out.html", {"email": email, "done": False})
