"""Staff erase a member's account from the Wagtail admin: the same erasure the cooling-off
period ends in, at once."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community.accounts.permissions import check_is_community_staff

from .deletion import account_erase_by_staff
from .forms import AccountEraseForm


def account_erase_view(request):
    check_is_community_staff(request.user)
    form = AccountEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["username"]
        name = member.username
        account_erase_by_staff(
            staff=request.user, user=member, remove_posts=form.cleaned_data["remove_posts"]
        )
        messages.success(
            request,
            _("The account of %(name)s has been erased; it is now %(erased)s.")
            % {"name": name, "erased": member.username},
        )
        return redirect("accounts-erase")
    return render(
        request,
        "accounts/admin/account_erase.html",
        {"header_title": _("Erase an account"), "form": form},
        status=400 if form.is_bound else 200,
    )
