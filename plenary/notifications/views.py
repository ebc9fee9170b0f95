"""The inbox, and following or unfollowing from any page."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.forms import PlenaryForm, handle_form
from plenary.notifications import services
from plenary.notifications.targets import name_follows
from plenary.process.actors import request_actor
from plenary.process.permissions import require_person, require_signed_in
from plenary.process.visibility import get_negotiation


class LanguageSelect(forms.Select):
    """Each language named in itself, and marked as written in it."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"] = {"lang": value, **option["attrs"]}
        return option


def _languages() -> list[tuple[str, str]]:
    """Each language of the site, named in itself."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class LanguageForm(PlenaryForm):
    language = forms.ChoiceField(
        label=gettext_lazy("Write my notifications and emails in"),
        choices=_languages,
        widget=LanguageSelect,
    )
    submit_label = gettext_lazy("Save")
    layout = "filters"


def _inbox(request: HttpRequest, form=None, status: int = 200) -> HttpResponse:
    actor = request_actor(request)
    person = require_person(actor)
    language = services.language_of(person)
    follows = list(person.follows.select_related("negotiation"))
    named = name_follows(actor, follows)
    return render(
        request,
        "notifications/inbox.html",
        {
            "notifications": services.inbox(actor),
            "unread": services.unread_count(actor),
            # Each with what it is about, as the person reads it: "Art. 7(2) — Illegal access".
            "follows": [(f, named[f.pk]) for f in follows],
            "language_form": form
            or LanguageForm(initial={"language": language}, action=reverse("inbox-language")),
        },
        status=status,
    )


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require_signed_in(request_actor(request))
    return _inbox(request)


@require_POST
def inbox_language(request: HttpRequest) -> HttpResponse:
    actor = require_signed_in(request_actor(request))

    def act(data):
        services.set_language(actor, data["language"])
        return reverse("inbox")

    return handle_form(
        request,
        LanguageForm(request.POST, action=reverse("inbox-language")),
        act,
        done=_("Your notifications will be written in the language you chose."),
        page=lambda form, status: _inbox(request, form, status),
    )


@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(request_actor(request))
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
        request_actor(request),
        negotiation,
        request.POST.get("kind", ""),
        request.POST.get("key", ""),
    )
    messages.success(request, _("You will be told when it changes."))
    return _back(request)


@require_POST
def unfollow(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = require_signed_in(request_actor(request))
    services.unfollow(actor, negotiation, request.POST.get("kind", ""), request.POST.get("key", ""))
    messages.success(request, _("You no longer follow it."))
    return _back(request)
