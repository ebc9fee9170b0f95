"""The audit trail as people read it: who did what to which thing, in sentences with a link to
the thing, filtered by person, kind and date, and as CSV.

The trail stores codes and facts (plenary.audit); the sentences are written here, when shown,
in the reader's language. Each entry shows only if its reader may see its subject; otherwise
it says that something was done, and not what (a private coalition's drafts and red lines are
for its members only: plenary.advocacy.visibility).
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from plenary.advocacy.models import Coalition, CoalitionInvitation, RedLine, Statement
from plenary.advocacy.visibility import audit_entry_hidden
from plenary.audit.models import AuditEntry
from plenary.csv_cells import safe_cell
from plenary.decisions.models import Decision
from plenary.participation.models import (
    AgendaItem,
    Arrangements,
    Intervention,
    Registration,
    SpeakerEntry,
)
from plenary.positions.models import Objection, Stance
from plenary.process.actors import request_actor
from plenary.process.models import Negotiation
from plenary.process.permissions import require_runs_process
from plenary.process.visibility import get_negotiation
from plenary.text.models import Proposal, TextChangeKind, Version
from plenary.text.services.working import working_outline
from plenary.text.structure import PARAGRAPH

SHOWN = 500

# What each kind of change says, with who did it and the thing it was done to. Unknown codes
# say "who: code, on the thing".
SENTENCES: dict[str, Any] = {
    "accreditation.admitted_ecosoc": gettext_lazy(
        "%(who)s asked for %(what)s to be accredited; admitted at once (ECOSOC status)."
    ),
    "accreditation.admitted_no_objection": gettext_lazy(
        "%(what)s was admitted: no member state objected within the period."
    ),
    "accreditation.decided": gettext_lazy("%(who)s recorded the decision on %(what)s."),
    "accreditation.listed": gettext_lazy(
        "%(who)s listed %(what)s for accreditation (non-objection procedure)."
    ),
    "accreditation.objected": gettext_lazy("%(who)s objected to the accreditation of %(what)s."),
    "agenda.item_added": gettext_lazy("%(who)s put %(what)s on the agenda."),
    "agenda.item_opened": gettext_lazy("%(who)s opened %(what)s."),
    "agenda.item_closed": gettext_lazy("%(who)s closed %(what)s."),
    "agenda.under_discussion": gettext_lazy(
        "%(who)s named the paragraph under discussion on %(what)s."
    ),
    "api_token.issued": gettext_lazy("%(who)s issued an API token (%(what)s)."),
    "api_token.revoked": gettext_lazy("%(who)s revoked an API token (%(what)s)."),
    "arrangements.created": gettext_lazy("%(who)s set the arrangements of %(what)s."),
    "arrangements.changed": gettext_lazy("%(who)s changed the arrangements of %(what)s."),
    "capability.set": gettext_lazy("%(who)s set a capability: %(what)s."),
    "coalition.created": gettext_lazy("%(who)s formed the coalition %(what)s."),
    "coalition.invited": gettext_lazy("%(who)s sent an invitation: %(what)s."),
    "coalition.joined": gettext_lazy("%(who)s accepted an invitation and joined %(what)s."),
    "coalition.invitation_declined": gettext_lazy("%(who)s declined an invitation: %(what)s."),
    "coalition.invitation_withdrawn": gettext_lazy("%(who)s withdrew an invitation: %(what)s."),
    "coalition.left": gettext_lazy("%(who)s left %(what)s."),
    "coalition.member_removed": gettext_lazy("%(who)s removed a member of %(what)s."),
    "coalition.member_role_changed": gettext_lazy("%(who)s changed a role in %(what)s."),
    "coalition.admin_by_succession": gettext_lazy(
        "%(what)s has a new admin: the last admin left (%(who)s)."
    ),
    "decision.recorded": gettext_lazy("%(who)s recorded the decision %(what)s."),
    "intervention.files_attached": gettext_lazy("%(who)s attached files to %(what)s."),
    "intervention.published": gettext_lazy("%(who)s published %(what)s."),
    "intervention.submitted": gettext_lazy("%(who)s submitted %(what)s."),
    "issue.defined": gettext_lazy("%(who)s defined the issue %(what)s."),
    "notifications.language_set": gettext_lazy(
        "%(who)s chose the language of their notifications."
    ),
    "objection.made": gettext_lazy("%(who)s recorded %(what)s."),
    "objection.withdrawn": gettext_lazy("%(who)s withdrew %(what)s."),
    "organization.registered": gettext_lazy("%(who)s added %(what)s to the register."),
    "organization.signed_up": gettext_lazy("%(what)s signed up."),
    "otp_device.confirmed": gettext_lazy("%(who)s confirmed an authenticator app for %(what)s."),
    "otp_device.issued": gettext_lazy("%(who)s added an authenticator app for %(what)s."),
    "otp_enrollment.issued": gettext_lazy("%(who)s issued an enrollment code for %(what)s."),
    "package.proposed": gettext_lazy("%(who)s proposed the package %(what)s."),
    "package.accepted": gettext_lazy("%(who)s recorded that the package %(what)s was accepted."),
    "package.rejected": gettext_lazy("%(who)s recorded that the package %(what)s was rejected."),
    "paragraph.status": gettext_lazy("%(who)s set the status of %(what)s."),
    "proposal.made": gettext_lazy("%(who)s made %(what)s."),
    "proposal.edited": gettext_lazy("%(who)s edited %(what)s."),
    "proposal.cosponsored": gettext_lazy("%(who)s co-sponsored %(what)s."),
    "proposal.cosponsorship_withdrawn": gettext_lazy(
        "%(who)s withdrew a co-sponsorship of %(what)s."
    ),
    "proposal.withdrawn": gettext_lazy("%(who)s withdrew %(what)s."),
    "protocol.created": gettext_lazy("%(who)s started the negotiation of %(what)s."),
    "protocol.delegation_admitted": gettext_lazy("%(who)s admitted a State to %(what)s."),
    "red_line.created": gettext_lazy("%(who)s stated the red line %(what)s."),
    "red_line.assessed": gettext_lazy("%(who)s assessed the red line %(what)s."),
    "red_lines.reflagged": gettext_lazy("Red lines were flagged to re-assess after %(what)s."),
    "registration.created": gettext_lazy("%(who)s registered %(what)s."),
    "roadmap.deadline_set": gettext_lazy("%(who)s set the deadline %(what)s."),
    "roadmap.deadline_moved": gettext_lazy("%(who)s moved the deadline %(what)s."),
    "roadmap.late_submissions": gettext_lazy(
        "%(who)s changed whether late submissions are accepted for %(what)s."
    ),
    "scenario.loaded": gettext_lazy("The record was loaded: %(what)s."),
    "session.created": gettext_lazy("%(who)s created the session %(what)s."),
    "session.updated": gettext_lazy("%(who)s edited the session %(what)s."),
    "session.suspended": gettext_lazy("%(who)s suspended %(what)s."),
    "session.reconvened": gettext_lazy("%(who)s reconvened the session as %(what)s."),
    "session.concluded": gettext_lazy("%(who)s recorded that %(what)s concluded."),
    "session.postponed": gettext_lazy("%(who)s postponed %(what)s."),
    "session.rescheduled": gettext_lazy("%(who)s rescheduled %(what)s."),
    "speakers.requested": gettext_lazy("%(who)s asked for the floor: %(what)s."),
    "speakers.late_added": gettext_lazy("%(who)s added a speaker after the notice: %(what)s."),
    "speakers.given_floor": gettext_lazy("%(who)s gave the floor to %(what)s."),
    "speakers.finished": gettext_lazy("%(who)s ended the turn of %(what)s."),
    "speakers.withdrawn": gettext_lazy("%(who)s withdrew the request of %(what)s."),
    "speakers.reordered": gettext_lazy("%(who)s changed the order of speakers on %(what)s."),
    "stance.recorded": gettext_lazy("%(who)s recorded %(what)s."),
    "statement.drafted": gettext_lazy("%(who)s drafted %(what)s."),
    "statement.reworded": gettext_lazy("%(who)s reworded %(what)s."),
    "statement.opened": gettext_lazy("%(who)s opened %(what)s for sign-on."),
    "statement.closed": gettext_lazy("%(who)s closed the sign-on of %(what)s."),
    "statement.published": gettext_lazy("%(who)s published %(what)s."),
    "statement.signed": gettext_lazy("%(who)s signed %(what)s."),
    "statement.signature_withdrawn": gettext_lazy("%(who)s withdrew a signature from %(what)s."),
    "submission.made": gettext_lazy("%(who)s submitted text: %(what)s."),
    "submission.replaced": gettext_lazy("%(who)s replaced a submission: %(what)s."),
    "proposal.closed": gettext_lazy("%(who)s closed %(what)s: its provision was deleted."),
    "text.adopted": gettext_lazy("%(who)s recorded the adoption of %(what)s."),
    "text.consolidated": gettext_lazy("%(who)s consolidated the submissions into %(what)s."),
    # The chair's changes to the working text (TextChange, one kind each).
    "text.edited": gettext_lazy("%(who)s changed the working text: %(what)s."),
    "text.proposal_accepted": gettext_lazy(
        "%(who)s took a proposal into the working text: %(what)s."
    ),
    "text.alternative_chosen": gettext_lazy(
        "%(who)s kept one alternative of a bracket: %(what)s."
    ),
    "text.alternatives_merged": gettext_lazy(
        "%(who)s merged the alternatives of a bracket: %(what)s."
    ),
    "text.inserted": gettext_lazy("%(who)s changed the working text: %(what)s."),
    "text.deleted": gettext_lazy("%(who)s changed the working text: %(what)s."),
    "text.moved": gettext_lazy("%(who)s changed the working text: %(what)s."),
    "text.renumbered": gettext_lazy("%(who)s numbered the articles in reading order."),
    "translate": gettext_lazy("%(who)s translated a title of %(what)s."),
    "treaty.adopted": gettext_lazy("%(who)s recorded the adoption of the treaty %(what)s."),
    "treaty.opened_for_signature": gettext_lazy(
        "%(who)s recorded the opening for signature of %(what)s."
    ),
    "treaty.instrument_recorded": gettext_lazy("%(who)s recorded %(what)s."),
    "treaty.national_step_recorded": gettext_lazy("%(who)s recorded %(what)s."),
    "user.created": gettext_lazy("%(who)s created the account %(what)s."),
    "user.invited": gettext_lazy("%(who)s invited %(what)s."),
    "user.reinvited": gettext_lazy("%(who)s sent %(what)s a new invitation."),
    "user.invitation_accepted": gettext_lazy("%(what)s opened their account."),
    "user.role_changed": gettext_lazy("%(who)s changed the role of %(what)s."),
    "user.deactivated": gettext_lazy("%(who)s deactivated the account %(what)s."),
    "user.reactivated": gettext_lazy("%(who)s reactivated the account %(what)s."),
    "user.password_reset_requested": gettext_lazy("A password reset link was sent to %(what)s."),
    "user.password_reset": gettext_lazy("%(what)s chose a new password."),
    "version.imported": gettext_lazy("%(who)s imported %(what)s."),
    "version.issued": gettext_lazy("%(who)s issued the working text as %(what)s."),
    "version.published": gettext_lazy("%(who)s published %(what)s."),
}
HIDDEN = gettext_lazy(
    "%(who)s changed a private coalition's draft or red line (shown to its members only)."
)
OTHER = gettext_lazy("%(who)s: %(action)s, on %(what)s.")


@dataclass
class Line:
    """One entry as a reader sees it."""

    entry: AuditEntry
    sentence: SafeString
    text: str
    url: str | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    hidden: bool = False


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def changes_of(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """What changed, field by field: (field, before, after); only what differs."""
    before, after = entry.before or {}, entry.after or {}
    keys = [k for k in {**before, **after} if k not in {"id", "lock_version"}]
    return [
        (key, _plain(before.get(key)) if before else "", _plain(after.get(key)))
        for key in keys
        if before.get(key) != after.get(key)
    ]


def _ids(entries: Iterable[AuditEntry], kind: str) -> list[int]:
    return [int(e.target_id) for e in entries if e.subject_type == kind and e.target_id.isdigit()]


def subject_links(
    negotiation: Negotiation, entries: list[AuditEntry]
) -> dict[tuple[str, str], str]:
    """The page of each entry's subject, looked up kind by kind in a few queries."""
    slug = negotiation.slug
    links: dict[tuple[str, str], str] = {}

    def put(kind: str, pk: Any, url: str) -> None:
        links[(kind, str(pk))] = url

    for pk in _ids(entries, "process.session"):
        put("process.session", pk, reverse("session", args=[slug, pk]))
    for pk in _ids(entries, "process.roadmapdeadline"):
        put("process.roadmapdeadline", pk, reverse("deadline", args=[slug, pk]))
    for pk in _ids(entries, "process.accreditationrequest"):
        put(
            "process.accreditationrequest",
            pk,
            reverse("accreditation", args=[slug]) + f"#request-{pk}",
        )
    for pk in _ids(entries, "process.user"):
        put("process.user", pk, reverse("person", args=[pk]))
    for pk in _ids(entries, "process.negotiation"):
        found = Negotiation.objects.filter(pk=pk).values_list("slug", flat=True).first()
        if found:
            put("process.negotiation", pk, reverse("negotiation", args=[found]))
    for item in AgendaItem.objects.filter(pk__in=_ids(entries, "participation.agendaitem")):
        put(
            "participation.agendaitem",
            item.pk,
            reverse("speakers", args=[slug, item.session_id, item.pk]),
        )
    for entry in SpeakerEntry.objects.filter(
        pk__in=_ids(entries, "participation.speakerentry")
    ).select_related("agenda_item"):
        item = entry.agenda_item
        put(
            "participation.speakerentry",
            entry.pk,
            reverse("speakers", args=[slug, item.session_id, item.pk]),
        )
    for made in Intervention.objects.filter(
        pk__in=_ids(entries, "participation.intervention")
    ).select_related("agenda_item"):
        item = made.agenda_item
        url = (
            reverse("speakers", args=[slug, item.session_id, item.pk]) + f"#intervention-{made.pk}"
        )
        put("participation.intervention", made.pk, url)
    for found in Arrangements.objects.filter(pk__in=_ids(entries, "participation.arrangements")):
        put(
            "participation.arrangements", found.pk, reverse("agenda", args=[slug, found.session_id])
        )
    for found in Registration.objects.filter(pk__in=_ids(entries, "participation.registration")):
        put(
            "participation.registration",
            found.pk,
            reverse("participants", args=[slug, found.session_id]),
        )
    for coalition in Coalition.objects.filter(pk__in=_ids(entries, "advocacy.coalition")):
        put("advocacy.coalition", coalition.pk, reverse("coalition", args=[slug, coalition.slug]))
    for invitation in CoalitionInvitation.objects.filter(
        pk__in=_ids(entries, "advocacy.coalitioninvitation")
    ).select_related("coalition"):
        url = reverse("coalition", args=[slug, invitation.coalition.slug])
        put("advocacy.coalitioninvitation", invitation.pk, url)
    for pk in Statement.objects.filter(pk__in=_ids(entries, "advocacy.statement")).values_list(
        "pk", flat=True
    ):
        put("advocacy.statement", pk, reverse("statement", args=[slug, pk]))
    for pk in RedLine.objects.filter(pk__in=_ids(entries, "advocacy.redline")).values_list(
        "pk", flat=True
    ):
        put("advocacy.redline", pk, reverse("red-line", args=[slug, pk]))
    for pk in Version.objects.filter(pk__in=_ids(entries, "text.version")).values_list(
        "pk", flat=True
    ):
        put("text.version", pk, reverse("version", args=[slug, pk]))
    # Records on a paragraph link to its page in the working text (a stance on a proposal to
    # the proposal's paragraph; one on a package has no page of its own).
    on_paragraphs = {
        "positions.stance": Stance.objects.annotate(
            paragraph=Coalesce("provision_id", "proposal__provision_id")
        ),
        "positions.objection": Objection.objects.annotate(paragraph=F("provision_id")),
        "text.proposal": Proposal.objects.annotate(paragraph=F("provision_id")),
    }
    for kind, records in on_paragraphs.items():
        for pk, paragraph in records.filter(pk__in=_ids(entries, kind)).values_list(
            "pk", "paragraph"
        ):
            if paragraph is not None:
                put(kind, pk, reverse("draft-paragraph", args=[slug, paragraph]))
    # The chair's changes to the text link to the provision they changed.
    for (kind, pk), (url, _name) in _text_changes(negotiation, entries).items():
        put(kind, pk, url)
    for pk, symbol in Decision.objects.filter(
        pk__in=_ids(entries, "decisions.decision")
    ).values_list("pk", "symbol"):
        put("decisions.decision", pk, reverse("vote", args=[symbol]))
    for entry in entries:
        if entry.subject_type.startswith("treaty."):
            put(entry.subject_type, entry.target_id, reverse("treaty", args=[slug]))
    return links


def _text_changes(
    negotiation: Negotiation, entries: list[AuditEntry]
) -> dict[tuple[str, str], tuple[str, str]]:
    """The chair's changes to the text among the entries, each with a link to the part of the
    working text it changed and a name as readers cite it now ("wording edited: Art. 7(2) —
    Illegal access") rather than the provision's internal name kept in the record. Changes to
    provisions the working text no longer holds are left out."""
    changes = [e for e in entries if e.subject_type == "text.textchange"]
    if not changes:
        return {}
    slug = negotiation.slug
    outline = working_outline(negotiation)
    found = {}
    for entry in changes:
        after = entry.after if isinstance(entry.after, dict) else {}
        provision = after.get("provision")
        part = outline.get(provision) if isinstance(provision, int) else None
        if part is None:
            continue
        url = (
            reverse("draft-paragraph", args=[slug, part.provision])
            if part.kind == PARAGRAPH
            else reverse("working-draft", args=[slug]) + f"#{part.eid}"
        )
        kind = entry.action.removeprefix("text.")
        done = TextChangeKind(kind).label if kind in TextChangeKind.values else kind
        found[(entry.subject_type, entry.target_id)] = (url, f"{done}: {outline.label(provision)}")
    return found


def lines_for(user: Any, negotiation: Negotiation, entries: list[AuditEntry]) -> list[Line]:
    """The entries as sentences for this reader, each subject shown only if they may see it."""
    hidden = audit_entry_hidden(user, negotiation)
    links = subject_links(negotiation, entries)
    names = {key: name for key, (_url, name) in _text_changes(negotiation, entries).items()}
    lines = []
    for entry in entries:
        who = entry.actor_label
        if hidden(entry):
            text = str(HIDDEN) % {"who": who}
            lines.append(Line(entry, escape(text), text, None, hidden=True))
            continue
        key = (entry.subject_type, entry.target_id)
        url = links.get(key)
        name = names.get(key, entry.target_repr)
        template = str(SENTENCES.get(entry.action, OTHER))
        values = {"who": who, "action": entry.action, "what": name}
        text = template % values
        what = (
            format_html('<a href="{}">{}</a>', url, name)
            if url
            else format_html("<em>{}</em>", name)
        )
        # The sentence and each piece put into it are escaped; the link is ours.
        pieces = {k: escape(v) for k, v in values.items()} | {"what": what}
        sentence = mark_safe(escape(template) % pieces)  # noqa: S308 -- every part escaped
        lines.append(Line(entry, sentence, text, url, changes_of(entry)))
    return lines


class AuditFilter(forms.Form):
    """Which entries to read: by person, by kind, between two days."""

    who = forms.CharField(label=gettext_lazy("Person"), max_length=200, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, kinds: Iterable[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", gettext_lazy("all")), *((k, k) for k in kinds)]


def filtered(negotiation: Negotiation, form: AuditFilter) -> Any:
    """The negotiation's entries, newest first, narrowed by the filter (when it is valid)."""
    entries = AuditEntry.objects.filter(negotiation=negotiation)
    if not form.is_valid():
        return entries
    data = form.cleaned_data
    if data["who"]:
        entries = entries.filter(actor_label__icontains=data["who"].strip())
    if data["kind"]:
        entries = entries.filter(action__startswith=f"{data['kind']}.")
    zone = negotiation.tzinfo
    if data["since"]:
        start = datetime.datetime.combine(data["since"], datetime.time(), zone)
        entries = entries.filter(at__gte=start)
    if data["until"]:
        end = datetime.datetime.combine(
            data["until"] + datetime.timedelta(days=1), datetime.time(), zone
        )
        entries = entries.filter(at__lt=end)
    return entries


def _kinds(negotiation: Negotiation) -> list[str]:
    actions = AuditEntry.objects.filter(negotiation=negotiation).values_list("action", flat=True)
    return sorted({a.split(".", 1)[0] for a in actions.distinct()})


def _filter_form(request: HttpRequest, negotiation: Negotiation) -> AuditFilter:
    return AuditFilter(request.GET or None, kinds=_kinds(negotiation))


@require_GET
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("read the audit trail"))
    form = _filter_form(request, negotiation)
    entries = list(filtered(negotiation, form)[:SHOWN])
    return render(
        request,
        "process/audit.html",
        {
            "negotiation": negotiation,
            "form": form,
            "lines": lines_for(actor, negotiation, entries),
            "shown": SHOWN,
            "query": request.GET.urlencode(),
        },
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


@require_GET
def audit_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The filtered trail as CSV, redacted as on the page; no cell runs as a formula."""
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("read the audit trail"))
    entries = list(filtered(negotiation, _filter_form(request, negotiation)))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{slug}-audit-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(["at_utc", "who", "action", "sentence", "subject", "link", "changes", "note"])
    for line in lines_for(actor, negotiation, entries):
        entry = line.entry
        changes = "; ".join(f"{k}: {b} → {a}" if b else f"{k}: {a}" for k, b, a in line.changes)
        writer.writerow(
            [
                entry.at.astimezone(datetime.UTC).isoformat(),
                safe_cell(entry.actor_label),
                entry.action,
                safe_cell(line.text),
                "" if line.hidden else safe_cell(entry.target_repr),
                request.build_absolute_uri(line.url) if line.url else "",
                "" if line.hidden else safe_cell(changes),
                "" if line.hidden else safe_cell(entry.note),
            ]
        )
    return response


def visible_entries(
    user: Any, negotiation: Negotiation, entries: list[AuditEntry]
) -> list[AuditEntry]:
    """For the API: the entries whose subject this person may see (the others left out)."""
    hidden: Callable[[AuditEntry], bool] = audit_entry_hidden(user, negotiation)
    return [entry for entry in entries if not hidden(entry)]
