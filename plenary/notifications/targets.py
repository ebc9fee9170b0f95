"""What can be followed, and how each kind of target is named and checked.

A target is (kind, key): a paragraph, an article or a chapter by its provision's id (named by
people and tools by that id or by its eId in the text they see), a session or a red line by its
id. A new kind needs its check here; nothing else in the notifications needs to change.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plenary.advocacy.visibility import get_visible_red_line, visible_red_lines
from plenary.errors import InvalidInput, NotFound
from plenary.notifications.models import Follow, TargetKind
from plenary.process.actors import Viewer
from plenary.process.models import Negotiation
from plenary.process.visibility import get_visible_session, visible_sessions
from plenary.text.provisions import current_outline, describe, resolve
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH
from plenary.translations import translated

PROVISION_KINDS = {TargetKind.PARAGRAPH, TargetKind.ARTICLE, TargetKind.CHAPTER}


def _provision(kind: str) -> Callable[[Viewer, Negotiation, str], str]:
    """A paragraph, an article or a chapter is followed as a provision, named by its id or by
    its eId in the latest text this person may see; it is followed whatever its number."""

    def check(user: Viewer, negotiation: Negotiation, key: str) -> str:
        try:
            provision = resolve(
                negotiation,
                user,
                provision=int(key) if key.isdigit() else None,
                eid=None if key.isdigit() else key,
                kinds=(kind,),
            )
        except InvalidInput as error:
            raise NotFound(error.message) from error
        if provision.pk not in current_outline(negotiation, user):
            raise NotFound(_("That is no longer in the text, so it cannot be followed."))
        return str(provision.pk)

    return check


def _session(user: Viewer, negotiation: Negotiation, key: str) -> str:
    if not key.isdigit():
        raise NotFound(_("There is no such session."))
    return str(get_visible_session(user, negotiation, int(key)).pk)


def _red_line(user: Viewer, negotiation: Negotiation, key: str) -> str:
    if not key.isdigit():
        raise NotFound(_("There is no such red line."))
    return str(get_visible_red_line(user, negotiation, int(key)).pk)


CHECKS: dict[str, Callable[[Viewer, Negotiation, str], str]] = {
    TargetKind.PARAGRAPH: _provision(PARAGRAPH),
    TargetKind.ARTICLE: _provision(ARTICLE),
    TargetKind.CHAPTER: _provision(CHAPTER),
    TargetKind.SESSION: _session,
    TargetKind.RED_LINE: _red_line,
}


def check_target(user: Viewer, negotiation: Negotiation, kind: str, key: str) -> str:
    """The target's key if it exists and this person may see it; otherwise NotFound."""
    return CHECKS[kind](user, negotiation, key)


def stored_key(user: Viewer, negotiation: Negotiation, kind: str, key: str) -> str:
    """The key a follow is stored under, from what a person or a tool names: a provision's eId
    becomes its id (an eId no longer in the text is kept as given, and matches nothing)."""
    if kind not in PROVISION_KINDS or key.isdigit():
        return key
    try:
        return check_target(user, negotiation, kind, key)
    except NotFound:
        return key


@dataclass(frozen=True)
class Named:
    """What a follow is about, as its follower reads it now."""

    label: str  # "Art. 7(2) — Illegal access", a session's or a red line's title
    eid: str = ""  # a provision's eId in the latest text the follower may see


def name_follows(user: Viewer, follows: Iterable[Follow]) -> dict[int, Named]:
    """Each follow's target named for this person (by follow id): a provision by its number and
    title in the text they read now, a session or a red line by its title; the stored key
    where they can no longer see it. A few queries per negotiation, however many follows."""
    by_negotiation: dict[int, list[Follow]] = {}
    for followed in follows:
        by_negotiation.setdefault(followed.negotiation_id, []).append(followed)
    named: dict[int, Named] = {}
    for rows in by_negotiation.values():
        negotiation = rows[0].negotiation

        def ids(kind: str, rows: list[Follow] = rows) -> list[int]:
            return [int(f.key) for f in rows if f.kind == kind and f.key.isdigit()]

        provisions = describe(negotiation, user, [f.provision_id for f in rows if f.provision_id])
        sessions = {
            s.pk: translated(s, "title") or s.title
            for s in visible_sessions(user, negotiation).filter(pk__in=ids(TargetKind.SESSION))
        }
        red_lines = dict(
            visible_red_lines(user, negotiation)
            .filter(pk__in=ids(TargetKind.RED_LINE))
            .values_list("pk", "title")
        )
        for followed in rows:
            key = int(followed.key) if followed.key.isdigit() else None
            if followed.provision_id in provisions:
                described = provisions[followed.provision_id]
                named[followed.pk] = Named(described.label, described.eid)
            elif followed.kind == TargetKind.SESSION and key in sessions:
                named[followed.pk] = Named(sessions[key])
            elif followed.kind == TargetKind.RED_LINE and key in red_lines:
                named[followed.pk] = Named(red_lines[key])
            else:
                named[followed.pk] = Named(followed.key)
    return named
