import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from community.common import ratelimit
from community.common.uploads import ImageUpload
from community.moderation.trust import is_new_member

from .forms import ProfileForm
from .services import profile_update


class ProfileEditView(LoginRequiredMixin, FormView):
    """The member's own profile settings: display name, bio and avatar."""

    template_name = "accounts/profile_edit.html"

    def get_form(self, form_class=None):
        kwargs = {}
        if self.request.method == "POST":
            kwargs = {"data": self.request.POST, "files": self.request.FILES}
        return ProfileForm.for_user(self.request.user, **kwargs)

    def form_valid(self, form):
        if isinstance(form.cleaned_data["avatar"], ImageUpload):
            refused = _avatar_rate_refusal(self.request)
            if refused is not None:
                minutes = math.ceil(refused.retry_after / 60)
                form.add_error(
                    "avatar",
                    ngettext(
                        "You have changed your avatar often in a short time. You can pick a "
                        "new picture again in %(minutes)s minute.",
                        "You have changed your avatar often in a short time. You can pick a "
                        "new picture again in %(minutes)s minutes.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                # What was typed is shown again; 429 tells tools what happened, and when to
                # come back.
                return ratelimit.too_many_requests(
                    self.render_to_response(self.get_context_data(form=form)),
                    refused.retry_after,
                )
        try:
            profile_update(
                user=self.request.user,
                display_name=form.cleaned_data["display_name"],
                bio=form.cleaned_data["bio"],
                avatar=form.cleaned_data["avatar"],
                credit_in_articles=form.cleaned_data["credit_in_articles"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as refusal:
            # Shown beside the field it is about (the picture), keeping what was typed.
            form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, _("Your profile has been saved."))
        return redirect("accounts:profile-edit")


def _avatar_rate_refusal(request) -> ratelimit.Decision | None:
    """Count a new avatar picture (decoding one costs memory and time) per member, and per
    address while the member is new; the refusing decision when one is over its rate, else
    None."""
    rates = settings.AVATAR_RATE_LIMITS
    checks = [("avatar-member", str(request.user.pk), rates["member"])]
    if is_new_member(request.user):
        # As with posts: fresh accounts made in bulk from one address share its budget, but
        # established members who share an address (an office, a phone network, a load
        # balancer) never use up each other's.
        checks.append(("avatar-address", ratelimit.client_ip(request), rates["address"]))
    for scope, key, rate in checks:
        decision = ratelimit.hit(scope, key=key, rate=rate)
        if not decision.allowed:
            return decision
    return None
