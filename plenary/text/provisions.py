"""The text's provisions for the rest of Plenary: the one place that knows how versions hold
them. Other apps name, find, check and label provisions through these functions and never walk
a version's stored content or read an eId apart.

- `current_outline(negotiation, viewer)`: the latest text this person may see (the working text
  at the table, the latest published version outside it), as an `Outline`.
- `resolve(...)`: a provision named by its id or by its eId in that text, or a clear refusal.
- `describe(...)`: how to show provisions to a reader: "Art. 7(2) — Illegal access"; and
  `MadeOn`: "made on Art. 22(1) of the revised draft" where the number has changed since.
- `identify(...)` and `save_version(...)`: how a new text gets its provisions (the same ones
  as the text it follows, where it is recognised as the same) and is kept as a version.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.process.actors import Actor, Viewer
from plenary.process.capabilities import can_view_working_text
from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions
from plenary.text.models import (
    Provision,
    ProvisionKind,
    ProvisionText,
    Version,
    WorkingText,
)
from plenary.text.redline import align
from plenary.text.structure import (
    ARTICLE,
    CHAPTER,
    PARAGRAPH,
    Content,
    Outline,
    Part,
    article_heading,
    draft_text,
    walk_parts,
)

EMPTY: Content = {"preamble": [], "chapters": [], "footnotes": {}}
KIND_NAMES = {
    CHAPTER: ProvisionKind.CHAPTER,
    ARTICLE: ProvisionKind.ARTICLE,
    PARAGRAPH: ProvisionKind.PARAGRAPH,
}


# --- reading ------------------------------------------------------------------------------------


def working_content(negotiation: Negotiation) -> tuple[Version | None, Content | None]:
    """The text at the table and the version it builds on: the latest version with the chair's
    changes since, or the latest version itself."""
    # The version's own text is read only when there is no working text built on it.
    latest = negotiation.versions.order_by("-position").defer("content").first()
    if latest is None:
        return None, None
    working = WorkingText.objects.filter(negotiation=negotiation, based_on=latest).first()
    return latest, working.content if working is not None else latest.content


def text_outline(negotiation: Negotiation) -> Outline:
    """The text at the table as an outline, for the parts of Plenary that act for everyone
    (scenario loaders, reactions to a change); empty when there is no text."""
    _version, content = working_content(negotiation)
    return Outline(content or EMPTY)


def public_outline(negotiation: Negotiation) -> Outline:
    """The latest published version as an outline: what the public may read."""
    version = negotiation.versions.filter(published=True).order_by("-position").first()
    return Outline(version.content if version else EMPTY)


def current_version(negotiation: Negotiation, viewer: Viewer) -> Version | None:
    """The latest version this person may see."""
    version: Version | None = visible_versions(viewer, negotiation).order_by("-position").first()
    return version


def current_outline(negotiation: Negotiation, viewer: Viewer) -> Outline:
    """The latest text this person may see: the working text at the table, otherwise the latest
    published version (an empty outline when there is none)."""
    if can_view_working_text(viewer):
        return text_outline(negotiation)
    version = current_version(negotiation, viewer)
    return Outline(version.content if version else EMPTY)


def outline_of(version: Version) -> Outline:
    return Outline(version.content)


def visible_provisions(negotiation: Negotiation, viewer: Viewer) -> QuerySet[Provision]:
    """The provisions this person may name: at the table every provision the negotiation has
    had; outside it those of the published versions."""
    provisions = negotiation.provisions.all()
    if can_view_working_text(viewer):
        return provisions
    return provisions.filter(texts__version__in=visible_versions(viewer, negotiation)).distinct()


def resolve(
    negotiation: Negotiation,
    viewer: Viewer,
    *,
    provision: int | None = None,
    eid: str | None = None,
    kinds: Iterable[str] = (PARAGRAPH,),
) -> Provision:
    """The provision named by its id (any this person may see) or by its eId in the latest
    text they may see; otherwise a refusal that says what was not found."""
    kinds = list(kinds)
    if provision is not None:
        found = visible_provisions(negotiation, viewer).filter(pk=provision, kind__in=kinds).first()
        if found is None:
            raise InvalidInput(
                _("There is no provision %(provision)s in this negotiation's text.")
                % {"provision": provision}
            )
        return found
    if eid:
        part = current_outline(negotiation, viewer).by_eid(eid)
        if part is not None and part.kind in kinds:
            return negotiation.provisions.get(pk=part.provision)
        raise InvalidInput(
            _("There is no %(kind)s %(eid)s in the text.") % {"kind": _kind_word(kinds), "eid": eid}
        )
    raise InvalidInput(_("Say which provision: choose one from the text."))


def resolve_many(
    negotiation: Negotiation,
    viewer: Viewer,
    *,
    provisions: Iterable[int] = (),
    eids: Iterable[str] = (),
    kinds: Iterable[str] = (PARAGRAPH,),
) -> list[Provision]:
    """Several provisions by id or eId (see resolve), without repeats, in the order given."""
    kinds = list(kinds)
    found = [resolve(negotiation, viewer, provision=p, kinds=kinds) for p in provisions]
    found += [resolve(negotiation, viewer, eid=e, kinds=kinds) for e in eids]
    return list({p.pk: p for p in found}.values())


def _kind_word(kinds: list[str]) -> str:
    if kinds == [PARAGRAPH]:
        return _("paragraph")
    if kinds == [ARTICLE]:
        return _("article")
    if kinds == [CHAPTER]:
        return _("chapter")
    return _("provision")


@dataclass(frozen=True)
class Described:
    """A provision as a reader sees it in the current text."""

    provision: int
    kind: str
    eid: str  # its eId in the current text, or the last one it had
    label: str  # "Art. 7(2) — Illegal access"
    short: str  # "Art. 7(2)"
    in_text: bool  # False once it was deleted from the text


def describe(
    negotiation: Negotiation,
    viewer: Viewer,
    provisions: Iterable[int],
    *,
    outline: Outline | None = None,
) -> dict[int, Described]:
    """How each provision reads in the latest text this person may see, with its number and
    title there; a provision no longer in it is named as it was last seen, "(deleted)"."""
    wanted = list(dict.fromkeys(provisions))
    if outline is None:
        outline = current_outline(negotiation, viewer)
    result: dict[int, Described] = {}
    missing = [p for p in wanted if p not in outline]
    earlier = _last_seen(negotiation, viewer, missing)
    for provision in wanted:
        part = outline.get(provision)
        if part is not None:
            result[provision] = Described(
                provision,
                part.kind,
                part.eid,
                outline.label(provision),
                outline.short_label(provision),
                True,
            )
        elif provision in earlier:
            old_outline, old_part = earlier[provision]
            result[provision] = Described(
                provision,
                old_part.kind,
                old_part.eid,
                _("%(label)s (deleted)") % {"label": old_outline.label(provision)},
                old_outline.short_label(provision),
                False,
            )
    return result


class MadeOn:
    """Says where a record was made when its provision's number has changed since: "made on
    Art. 22(1) of the revised draft" (each version's text read once)."""

    def __init__(self, now: Outline):
        self.now = now
        self.outlines: dict[int, Outline] = {}

    def __call__(self, provision: int, version: Version | None) -> str:
        if version is None:
            return ""
        if version.pk not in self.outlines:
            self.outlines[version.pk] = Outline(version.content)
        then = self.outlines[version.pk].short_label(provision)
        if not then or then == self.now.short_label(provision):
            return ""
        return _("made on %(provision)s of %(version)s") % {
            "provision": then,
            "version": version.label,
        }


def _last_seen(
    negotiation: Negotiation, viewer: Viewer, provisions: list[int]
) -> dict[int, tuple[Outline, Part]]:
    """For provisions no longer in the text: the last version this person may see that held
    each, as an outline, and the part."""
    if not provisions:
        return {}
    rows = (
        ProvisionText.objects.filter(
            provision_id__in=provisions, version__in=visible_versions(viewer, negotiation)
        )
        .values("provision_id")
        .annotate(last=Max("version__position"))
    )
    positions = {row["provision_id"]: row["last"] for row in rows}
    versions = {
        v.position: v for v in negotiation.versions.filter(position__in=set(positions.values()))
    }
    outlines = {position: Outline(v.content) for position, v in versions.items()}
    found: dict[int, tuple[Outline, Part]] = {}
    for provision, position in positions.items():
        outline = outlines[position]
        part = outline.get(provision)
        if part is not None:
            found[provision] = (outline, part)
    return found


@dataclass(frozen=True)
class Changes:
    """The paragraphs a published version changed from the published version before it."""

    previous: Version
    old: Outline
    new: Outline
    paragraphs: list[Part]  # as the new version has them (or the old one, for a deleted one)

    def text_before(self, provision: int) -> str:
        part = self.old.get(provision)
        return part.text if part else ""

    def text_after(self, provision: int) -> str:
        part = self.new.get(provision)
        return part.text if part else ""

    def label(self, provision: int) -> Callable[[], str]:
        """The paragraph's label, rendered when called (in the language active then)."""
        outline = self.new if provision in self.new else self.old
        return lambda: outline.label(provision)


def changed_paragraphs(version: Version) -> Changes | None:
    """What a published version changed: each paragraph (a provision) whose wording is not the
    same as in the published version before it, added and deleted ones included; None for the
    first published version."""
    previous = (
        Version.objects.filter(
            negotiation_id=version.negotiation_id, published=True, position__lt=version.position
        )
        .order_by("-position")
        .first()
    )
    if previous is None:
        return None
    old, new = Outline(previous.content), Outline(version.content)
    before = {p.provision: p for p in old.paragraphs}
    after = {p.provision: p for p in new.paragraphs}
    changed = [
        p
        for p in new.paragraphs
        if before.get(p.provision) is None or before[p.provision].text != p.text
    ]
    changed += [p for p in old.paragraphs if p.provision not in after]
    return Changes(previous, old, new, changed)


def page_of(
    negotiation: Negotiation, viewer: Viewer, described: Described, latest: Version | None
) -> str:
    """Where a reader finds a provision: its page in the working text at the table, otherwise
    its page in the latest version they may see ("" when it is not there)."""
    if described.kind != PARAGRAPH:
        return ""
    if can_view_working_text(viewer):
        return reverse("draft-paragraph", args=[negotiation.slug, described.provision])
    if latest is None or not described.in_text:
        return ""
    return reverse("version-paragraph", args=[negotiation.slug, latest.pk, described.eid])


def provisions_by_eid(negotiation: Negotiation, *, published: bool = True) -> dict[str, int]:
    """eId → provision over the (published) versions, as data files name paragraphs: the
    latest version to use an eId decides which provision it names."""
    rows = ProvisionText.objects.filter(version__negotiation=negotiation)
    if published:
        rows = rows.filter(version__published=True)
    return dict(rows.order_by("version__position").values_list("eid", "provision_id"))


def versions_holding(provision: int, versions: QuerySet[Any]) -> QuerySet[Any]:
    """Of these versions, those that hold the provision, in order."""
    return versions.filter(parts__provision_id=provision).order_by("position")


# --- writing ------------------------------------------------------------------------------------


def identify(negotiation: Negotiation, content: Content, *, base: Content | None) -> Content:
    """Give every part of a new text its provision: those it already carries stay; the others
    are recognised in `base` (the text it follows) by redline.align, or are new provisions."""
    taken = {node["provision"] for _kind, node in walk_parts(content) if node.get("provision")}
    if base is not None:
        same = align(draft_text(base), draft_text(content))
        for _kind, node in walk_parts(content):
            if node.get("provision"):
                continue
            match = same.get(node["eid"])
            if match is not None and match.isdigit() and int(match) not in taken:
                node["provision"] = int(match)
                taken.add(int(match))
    new = [(kind, node) for kind, node in walk_parts(content) if not node.get("provision")]
    if new:
        wids = set(negotiation.provisions.values_list("wid", flat=True))
        rows = []
        for kind, node in new:
            wid, suffix = node["eid"], 1
            while wid in wids:
                suffix += 1
                wid = f"{node['eid']}__w{suffix}"
            wids.add(wid)
            rows.append(Provision(negotiation=negotiation, kind=KIND_NAMES[kind], wid=wid))
        created = Provision.objects.bulk_create(rows)
        for (_kind, node), provision in zip(new, created, strict=True):
            node["provision"] = provision.pk
    return content


def save_version(
    negotiation: Negotiation,
    content: Content,
    *,
    by: Actor | None,
    label: str,
    date: datetime.date,
    published: bool = False,
    **fields: Any,
) -> Version:
    """Keep a text whose parts all carry their provisions as the next version, with the rows
    that say which provisions it holds; the working text starts again from it. Versions are
    made one at a time per negotiation (the negotiation's row is locked). `by` is None for a
    version Plenary loads itself (a scenario's)."""
    with transaction.atomic():
        Negotiation.objects.select_for_update().filter(pk=negotiation.pk).first()
        last = negotiation.versions.aggregate(last=Max("position"))["last"] or 0
        version = Version.objects.create(
            negotiation=negotiation,
            label=label,
            date=date,
            position=last + 1,
            published=published,
            content=content,
            created_by=by.user if by else None,
            **({"published_at": timezone.now() if published else None} | fields),
        )
        ProvisionText.objects.bulk_create(_texts(version, content))
        WorkingText.objects.update_or_create(
            negotiation=negotiation, defaults={"based_on": version, "content": content}
        )
    return version


def _texts(version: Version, content: Content) -> list[ProvisionText]:
    outline = Outline(content)
    headings = {
        p.provision: article_heading({"number": p.number, "title": p.title})
        for p in outline.of_kind(ARTICLE)
    }
    return [
        ProvisionText(
            version=version,
            provision_id=part.provision,
            kind=KIND_NAMES[part.kind],
            position=part.position,
            eid=part.eid,
            number=part.number,
            article=(
                headings.get(part.article or 0, "")
                if part.article is not None
                else ("Preamble" if part.kind == PARAGRAPH else "")
            ),
            text=part.text if part.kind == PARAGRAPH else part.title,
            in_chapter_id=part.chapter if part.kind != CHAPTER else None,
            in_article_id=part.article if part.kind == PARAGRAPH else None,
        )
        for part in outline.parts
    ]
