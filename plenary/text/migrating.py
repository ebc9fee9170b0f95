"""How the records of a deployment moved from eIds to provisions (the migrations named
`*_provisions*` use this). Until then, an eId was the only name of a paragraph, so an eId was
read in whatever version was latest; after a renumbering it named another paragraph. Here every
version gets its provisions in order, each recognised in the version before it (articles by
title, paragraphs by wording: redline.align), and a record that named an eId is put on the
provision that had that eId in the version the table had when the record was made.

The functions take the migration's historical models, so they run at any point of the schema's
history after the provisions were added.
"""

import datetime
from typing import Any

from plenary.text.redline import align
from plenary.text.structure import (
    ARTICLE,
    CHAPTER,
    PARAGRAPH,
    Outline,
    article_heading,
    draft_text,
    name_parts,
    walk_parts,
)


def give_versions_provisions(apps: Any, negotiation: Any) -> None:
    """Every version of the negotiation, oldest first, gets its provisions and the rows that
    say which it holds; the working text starts from the latest."""
    Version = apps.get_model("text", "Version")
    Provision = apps.get_model("text", "Provision")
    ProvisionText = apps.get_model("text", "ProvisionText")
    WorkingText = apps.get_model("text", "WorkingText")
    wids = set(Provision.objects.filter(negotiation=negotiation).values_list("wid", flat=True))
    previous = None
    version = None
    for version in Version.objects.filter(negotiation=negotiation).order_by("position"):
        content = version.content
        for _kind, node in walk_parts(content):
            node.setdefault("provision", None)
        name_parts(content)
        if previous is not None:
            same = align(draft_text(previous), draft_text(content))
            taken: set[int] = set()
            for _kind, node in walk_parts(content):
                match = same.get(node["eid"])
                if match and match.isdigit() and int(match) not in taken:
                    node["provision"] = int(match)
                    taken.add(int(match))
        for kind, node in walk_parts(content):
            if node["provision"]:
                continue
            wid, suffix = node["eid"], 1
            while wid in wids:
                suffix += 1
                wid = f"{node['eid']}__w{suffix}"
            wids.add(wid)
            node["provision"] = Provision.objects.create(
                negotiation=negotiation, kind=kind, wid=wid
            ).pk
        version.content = content
        version.save(update_fields=["content"])
        outline = Outline(content)
        headings = {
            p.provision: article_heading({"number": p.number, "title": p.title})
            for p in outline.of_kind(ARTICLE)
        }
        ProvisionText.objects.bulk_create(
            ProvisionText(
                version=version,
                provision_id=part.provision,
                kind=part.kind,
                position=part.position,
                eid=part.eid,
                number=part.number,
                article=(
                    headings.get(part.article, "")
                    if part.article is not None
                    else ("Preamble" if part.kind == PARAGRAPH else "")
                ),
                text=part.text if part.kind == PARAGRAPH else part.title,
                in_chapter_id=part.chapter if part.kind != CHAPTER else None,
                in_article_id=part.article if part.kind == PARAGRAPH else None,
            )
            for part in outline.parts
        )
        previous = content
    if version is not None:
        WorkingText.objects.update_or_create(
            negotiation=negotiation, defaults={"based_on": version, "content": version.content}
        )


class EidReader:
    """Reads an eId as the table read it at a moment: in the latest version made by then (or,
    failing that, in the latest version that has it)."""

    def __init__(self, apps: Any, negotiation_id: int):
        Version = apps.get_model("text", "Version")
        self.apps = apps
        self.negotiation_id = negotiation_id
        self.versions: list[tuple[int, datetime.datetime, dict[str, int]]] = []
        self.preambles: dict[int, list[int]] = {}
        for version in Version.objects.filter(negotiation_id=negotiation_id).order_by("-position"):
            eids = {node["eid"]: node["provision"] for _k, node in walk_parts(version.content)}
            self.versions.append((version.pk, version.created_at, eids))
            self.preambles[version.pk] = [
                part.provision
                for part in Outline(version.content).paragraphs
                if part.article is None
            ]

    def _ordered(
        self, when: datetime.datetime | None
    ) -> list[tuple[int, datetime.datetime, dict[str, int]]]:
        """The versions latest first, those made by `when` before the others."""
        if when is None:
            return self.versions
        return [v for v in self.versions if v[1] <= when] + [
            v for v in self.versions if v[1] > when
        ]

    def parts(self, eid: str, when: datetime.datetime | None = None) -> list[int]:
        """The provisions an agenda item or an intervention named: "preamble" named all the
        preamble's paragraphs."""
        if eid != "preamble":
            return [self.provision(eid, when)[0]]
        for version_id, _created, _eids in self._ordered(when):
            if self.preambles[version_id]:
                return self.preambles[version_id]
        return []

    def read(
        self, eid: str, when: datetime.datetime | None = None
    ) -> tuple[int | None, int | None]:
        """(provision, version) the eId named at that moment, or (None, None)."""
        for version_id, _created, eids in self._ordered(when):
            if eid in eids:
                return eids[eid], version_id
        return None, None

    def provision(self, eid: str, when: datetime.datetime | None = None) -> tuple[int, int | None]:
        """As read(), but an eId that no version has is kept as a provision of its own (a
        paragraph that no version holds any longer), so that no record is lost."""
        provision, version = self.read(eid, when)
        if provision is not None:
            return provision, version
        Provision = self.apps.get_model("text", "Provision")
        kept, _created = Provision.objects.get_or_create(
            negotiation_id=self.negotiation_id, wid=eid[:200], defaults={"kind": PARAGRAPH}
        )
        return kept.pk, None
