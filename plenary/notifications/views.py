"""The inbox, and following or unfollowing from any page."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.notifications import services
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require_signed_in(request.user)
    return render(
        request,
        "notifications/inbox.html",
        {
            "notifications": services.inbox(request.user),
            "unread": services.unread_count(request.user),
            "follows": request.user.follows.select_related("negotiation"),
            "language_choices": settings.LANGUAGES,
            "language": services.language_of(request.user),
        },
    )


@require_POST
def inbox_language(request: HttpRequest) -> HttpResponse:
    services.set_language(request.user, request.POST.get("language", ""))
    messages.success(request, _("Your notifications will be written in the language you chose."))
    return redirect("inbox")


@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(request.user)
    messages.success(request, _("%(count)s marked read.") % {"count": count})
    return redirect("inbox")


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("inbox")


@require_POST
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    services.follow(
        request.user, negotiation, request.POST.get("kind", ""), request.POST.get("key", "")
    )
    messages.success(request, _("You will be told when it changes."))
    return _back(request)


@require_POST
def unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_signed_in(request.user)
    services.unfollow(
        request.user, negotiation, request.POST.get("kind", ""), request.POST.get("key", "")
    )
    messages.success(request, _("You no longer follow it."))
    return _back(request)
