"""What followers are told of each event, in their own language (run by the worker).

Each handler reads the record as it is when it runs, tells the followers of the event's
targets who may see them (`notify`), and writes in the transaction that marks the event
handled: told once, never lost.
"""

from collections.abc import Callable

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.advocacy.models import RedLine, Statement
from plenary.moments import in_zone
from plenary.notifications.models import TargetKind
from plenary.notifications.services import Message, followed, notify
from plenary.outbox.events import handles
from plenary.outbox.models import Event
from plenary.participation.models import Intervention
from plenary.participation.services.agenda import session_opens_at
from plenary.process.models import Session
from plenary.process.models.sessions import SessionStatus
from plenary.text.models import Version
from plenary.text.provisions import changed_paragraphs, public_outline
from plenary.translations import translated

# The codes the process gives for a change to a session, in each reader's language.
SESSION_CHANGES = {
    "updated": gettext_lazy("updated"),
    "rescheduled": gettext_lazy("rescheduled"),
    "reconvened": gettext_lazy("reconvened"),
} | {status.value: status.label for status in SessionStatus}


@handles("version.published")
def tell_text_followers(event: Event) -> None:
    """Tell the followers of each paragraph the new version changed (or of its article or
    chapter), each person once."""
    version = Version.objects.select_related("negotiation").filter(
        pk=event.payload["version"]
    ).first()
    changes = changed_paragraphs(version) if version is not None else None
    if version is None or changes is None or not changes.paragraphs:
        return
    negotiation = version.negotiation
    compare = f"/n/{negotiation.slug}/compare/?from={changes.previous.pk}&to={version.pk}"
    told: set[int] = set()
    for paragraph in changes.paragraphs:
        for kind, key in (
            (TargetKind.PARAGRAPH, paragraph.provision),
            (TargetKind.ARTICLE, paragraph.article),
            (TargetKind.CHAPTER, paragraph.chapter),
        ):
            if key is None:
                continue
            sent = notify(
                negotiation,
                kind,
                [str(key)],
                message=_version_changed(version, changes.label(paragraph.provision)),
                url=compare,
                exclude=told,
            )
            told |= {n.user_id for n in sent}


def _version_changed(version: Version, label: Callable[[], str]) -> Message:
    def message() -> tuple[str, str]:
        name = translated(version, "label") or version.label
        provision = label()
        return (
            _("%(provision)s changed in %(version)s") % {"provision": provision, "version": name},
            _("%(version)s changes %(provision)s, which you follow.")
            % {"version": name, "provision": provision},
        )

    return message


@handles("session.changed")
def tell_session_followers(event: Event) -> None:
    """Tell the followers of a session (who may still see it) what happened to it."""
    session = Session.objects.select_related("negotiation").filter(
        pk=event.payload["session"]
    ).first()
    if session is None:
        return
    change = event.payload.get("change", "updated")
    negotiation = session.negotiation

    def message() -> tuple[str, str]:
        title = translated(session, "title") or session.title
        what = str(SESSION_CHANGES.get(change, change))
        return (
            _("%(session)s: %(change)s") % {"session": title, "change": what},
            _(
                "%(session)s, which you follow, changed (%(change)s). It is now %(status)s, "
                "from %(start)s to %(end)s; its first meeting opens on %(opens)s."
            )
            % {
                "session": title,
                "change": what,
                "status": session.get_status_display(),
                "start": formats.date_format(session.start, "DATE_FORMAT"),
                "end": formats.date_format(session.end, "DATE_FORMAT"),
                # On the clocks of the place where it meets.
                "opens": in_zone(session_opens_at(session), session),
            },
        )

    notify(
        negotiation,
        TargetKind.SESSION,
        [str(session.pk)],
        message=message,
        url=f"/n/{negotiation.slug}/sessions/{session.pk}/",
    )


@handles("red_lines.flagged")
def tell_red_line_followers(event: Event) -> None:
    """Tell the followers of each re-flagged red line (who may see it) to re-assess it."""
    version = Version.objects.select_related("negotiation").filter(
        pk=event.payload["version"]
    ).first()
    if version is None:
        return
    negotiation = version.negotiation
    # One query finds the few followed red lines among the hundreds a version may flag.
    flagged = [str(pk) for pk in event.payload["red_lines"]]
    keys = followed(negotiation, TargetKind.RED_LINE, flagged)
    titles = dict(RedLine.objects.filter(pk__in=[int(k) for k in keys]).values_list("pk", "title"))
    for pk, title in sorted(titles.items()):

        def message(title: str = title) -> tuple[str, str]:
            label = translated(version, "label") or version.label
            return (
                _("Red line to re-assess: %(title)s") % {"title": title},
                _("%(version)s changed a paragraph of the red line “%(title)s”.")
                % {"version": label, "title": title},
            )

        notify(
            negotiation,
            TargetKind.RED_LINE,
            [str(pk)],
            message=message,
            url=f"/n/{negotiation.slug}/red-lines/{pk}/",
        )


@handles("statement.published")
def tell_statement_followers(event: Event) -> None:
    """Tell the followers of the paragraphs a published statement addresses, and of the
    sessions it is for, each person once."""
    statement = (
        Statement.objects.select_related("coalition__negotiation")
        .filter(pk=event.payload["statement"])
        .first()
    )
    if statement is None:
        return
    negotiation = statement.coalition.negotiation
    url = f"/n/{negotiation.slug}/statements/{statement.pk}/"
    sessions = list(statement.sessions.all())

    def subject() -> str:
        return _("%(coalition)s published: %(title)s") % {
            "coalition": statement.coalition,
            "title": translated(statement, "title") or statement.title,
        }

    addressed = sorted(statement.provisions.values_list("pk", flat=True))
    outline = public_outline(negotiation)

    def on_paragraphs() -> tuple[str, str]:
        body = _("A %(kind)s on paragraphs you follow (%(provisions)s) is published.") % {
            "kind": statement.get_kind_display(),
            "provisions": "; ".join(outline.label(p) for p in addressed if p in outline),
        }
        return subject(), body

    def for_sessions() -> tuple[str, str]:
        body = _("A %(kind)s for %(sessions)s is published.") % {
            "kind": statement.get_kind_display(),
            "sessions": ", ".join(
                translated(session, "title") or session.title for session in sessions
            ),
        }
        return subject(), body

    told: list[int] = []
    if addressed:
        told = [
            n.user_id
            for n in notify(
                negotiation,
                TargetKind.PARAGRAPH,
                [str(p) for p in addressed],
                message=on_paragraphs,
                url=url,
            )
        ]
    if sessions:
        notify(
            negotiation,
            TargetKind.SESSION,
            [str(session.pk) for session in sessions],
            message=for_sessions,
            url=url,
            exclude=told,
        )


@handles("intervention.published")
def tell_intervention_followers(event: Event) -> None:
    """Tell the followers of a session (who may still see it) of a statement made public in
    it: an oral statement's text or a written contribution."""
    intervention = (
        Intervention.objects.select_related(
            "agenda_item__session__negotiation", "delegation", "organization", "on_behalf_of"
        )
        .filter(pk=event.payload["intervention"])
        .first()
    )
    if intervention is None:
        return
    item = intervention.agenda_item
    session = item.session

    def message() -> tuple[str, str]:
        """The statement itself stays as it was made."""
        subject = _("%(session)s: a statement by %(speaker)s on %(item)s") % {
            "session": translated(session, "title") or session.title,
            "speaker": intervention.author_label,
            "item": item.title,
        }
        return subject, intervention.text[:2000]

    notify(
        session.negotiation,
        TargetKind.SESSION,
        [str(session.pk)],
        message=message,
        url=f"/n/{session.negotiation.slug}/sessions/{session.pk}/",
    )
