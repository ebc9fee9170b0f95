"""Files of statements and written contributions: downloads for whoever may see the session,
and more files from their authors. Thin: the visibility rules and the services decide."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.errors import PlenaryError
from plenary.forms import handle_form
from plenary.participation.attachments import KINDS, read_uploads
from plenary.participation.services.interventions import attach_files
from plenary.participation.views import attach_form, render_speakers_page, visible_item
from plenary.participation.visibility import get_intervention, get_intervention_file
from plenary.process.actors import request_actor


class FileGone(PlenaryError):
    status = 410


def _intervention(request: HttpRequest, slug: str, pk: int, item_pk: int, intervention_pk: int):
    return get_intervention(visible_item(request, slug, pk, item_pk), intervention_pk)


@require_GET
def intervention_file(
    request: HttpRequest, slug: str, pk: int, item_pk: int, intervention_pk: int, file_pk: int
) -> FileResponse:
    """The file as published, offered as a download under the name its author gave it."""
    found = get_intervention_file(
        _intervention(request, slug, pk, item_pk, intervention_pk), file_pk
    )
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise FileGone(
            _("%(name)s is no longer stored; ask the secretariat for it.") % {"name": found.name}
        ) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.name,
        content_type=KINDS[found.kind].content_type,
    )
    # Never shown in the page's origin: a download only, and nothing in it may run.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def intervention_files_add(
    request: HttpRequest, slug: str, pk: int, item_pk: int, intervention_pk: int
) -> HttpResponse:
    intervention = _intervention(request, slug, pk, item_pk, intervention_pk)
    item = intervention.agenda_item

    def act(data):
        added = attach_files(
            intervention, by=request_actor(request), files=read_uploads(data["files"])
        )
        messages.success(
            request, _("Attached: %(names)s.") % {"names": ", ".join(f.name for f in added)}
        )
        url = reverse("speakers", args=[slug, pk, item_pk])
        return f"{url}#intervention-{intervention.pk}"

    return handle_form(
        request,
        attach_form(item, intervention, request.POST, request.FILES),
        act,
        page=lambda form, status: render_speakers_page(
            request, item, {("attach", intervention.pk): form}, status
        ),
    )
