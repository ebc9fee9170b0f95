"""The chair's controls of the floor, and withdrawing from a speakers list; thin: parse, call a
service, go back to the page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenary.forms import handle_form
from plenary.participation.services import floor, speakers
from plenary.participation.services.agenda import room_outline
from plenary.participation.views import (
    back_to_list,
    discussion_form,
    render_chair_page,
    visible_item,
)
from plenary.participation.visibility import get_speaker
from plenary.process.actors import request_actor
from plenary.process.models import Role
from plenary.process.permissions import require_chair
from plenary.text.provisions import describe, resolve


@require_POST
def item_open(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = floor.open_item(visible_item(request, slug, pk, item_pk), by=request_actor(request))
    messages.success(request, _("%(item)s is under discussion.") % {"item": item})
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def item_close(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = floor.close_item(visible_item(request, slug, pk, item_pk), by=request_actor(request))
    messages.success(request, _("%(item)s is closed.") % {"item": item})
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def under_discussion(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    actor = request_actor(request)
    require_chair(actor, _("name the paragraph under discussion"))
    negotiation = item.session.negotiation
    choices = floor.paragraphs_to_discuss(item, room_outline(item.session))

    def act(data):
        chosen = data["provision"]
        provision = resolve(negotiation, actor, provision=chosen) if chosen else None
        floor.put_under_discussion(
            item,
            by=actor,
            provision=provision,
            expected_version=data["lock_version"],
        )
        if provision is not None:
            named = describe(negotiation, actor, [provision.pk])[provision.pk]
            messages.success(
                request, _("Under discussion: %(provision)s.") % {"provision": named.label}
            )
        else:
            messages.success(request, _("No paragraph is under discussion."))
        return reverse("speakers-chair", args=[slug, pk, item_pk])

    return handle_form(
        request,
        discussion_form(item, choices, request.POST),
        act,
        page=lambda form, status: render_chair_page(request, item, {"discussion": form}, status),
    )


@require_POST
def speakers_withdraw(
    request: HttpRequest, slug: str, pk: int, item_pk: int, entry_pk: int
) -> HttpResponse:
    entry = get_speaker(visible_item(request, slug, pk, item_pk), entry_pk)
    actor = request_actor(request)
    speakers.withdraw_request(entry, by=actor)
    messages.success(
        request, _("%(speaker)s withdrew from the list.") % {"speaker": entry.speaker_label}
    )
    name = "speakers-chair" if actor.role == Role.CHAIR else "speakers"
    return back_to_list(slug, pk, item_pk, name)
