from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

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
        try:
            profile_update(
                user=self.request.user,
                display_name=form.cleaned_data["display_name"],
                bio=form.cleaned_data["bio"],
                avatar=form.cleaned_data["avatar"],
                credit_in_articles=form.cleaned_data["credit_in_articles"],
            )
        except ValidationError as refusal:
            # Shown beside the field it is about (the picture), keeping what was typed.
            form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, _("Your profile has been saved."))
        return redirect("accounts:profile-edit")
