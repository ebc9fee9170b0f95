"""The chair's controls of the floor, and withdrawing from a speakers list; thin: parse, call a
service, go back to the page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenary.errors import InvalidInput
from plenary.participation.services import floor, speakers
from plenary.participation.views import back_to_list, visible_item
from plenary.participation.visibility import get_speaker
from plenary.process.models import Role
from plenary.text.provisions import describe, resolve


@require_POST
def item_open(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = floor.open_item(visible_item(request, slug, pk, item_pk), by=request.user)
    messages.success(request, _("%(item)s is under discussion.") % {"item": item})
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def item_close(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = floor.close_item(visible_item(request, slug, pk, item_pk), by=request.user)
    messages.success(request, _("%(item)s is closed.") % {"item": item})
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def under_discussion(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    raw_version = request.POST.get("lock_version", "")
    if raw_version and not raw_version.isdigit():
        raise InvalidInput(_("The version of the item is a whole number."))
    # A paragraph chosen from the list (its id); anything else sent is taken for an eId and
    # refused with a sentence when the text has no such paragraph; nothing chosen: none.
    chosen = request.POST.get("provision", "").strip()[:200]
    provision = None
    if chosen.isdigit():
        provision = resolve(item.session.negotiation, request.user, provision=int(chosen))
    elif chosen:
        provision = resolve(item.session.negotiation, request.user, eid=chosen)
    item = floor.put_under_discussion(
        item,
        by=request.user,
        provision=provision,
        expected_version=int(raw_version) if raw_version else None,
    )
    if provision is not None:
        named = describe(item.session.negotiation, request.user, [provision.pk])[provision.pk]
        messages.success(
            request, _("Under discussion: %(provision)s.") % {"provision": named.label}
        )
    else:
        messages.success(request, _("No paragraph is under discussion."))
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def speakers_withdraw(
    request: HttpRequest, slug: str, pk: int, item_pk: int, entry_pk: int
) -> HttpResponse:
    entry = get_speaker(visible_item(request, slug, pk, item_pk), entry_pk)
    speakers.withdraw_request(entry, by=request.user)
    messages.success(
        request, _("%(speaker)s withdrew from the list.") % {"speaker": entry.speaker_label}
    )
    name = "speakers-chair" if getattr(request.user, "role", "") == Role.CHAIR else "speakers"
    return back_to_list(slug, pk, item_pk, name)
