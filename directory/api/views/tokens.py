"""The staff page for API tokens (/staff/api-tokens/): create (shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from directory.accounts.permissions import staff_required

from ..forms import TokenForm
from ..models import ApiToken
from ..tokens import create_token, revoke_token


@never_cache
@staff_required
def token_list(request):
    new_token = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            user = form.cleaned_data["username"] or request.user
            new_token = create_token(user, form.cleaned_data["name"], created_by=request.user)
            form = TokenForm()
    else:
        form = TokenForm()
    tokens = ApiToken.objects.select_related("user", "created_by")[:200]
    ctx = {"form": form, "tokens": tokens, "new_token": new_token}
    return render(request, "api/tokens.html", ctx)


@require_POST
@staff_required
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk)
    if revoke_token(token):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api-tokens:list")
