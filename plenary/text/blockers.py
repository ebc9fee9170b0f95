"""What stands in the way of agreeing a provision, or of adopting the text: its brackets and
the open proposals on it (the text knows these), and what other parts of Plenary register
(standing objections, from the positions). The text knows nothing of who registers."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BRACKETS = "brackets"
PROPOSALS = "proposals"
OBJECTIONS = "objections"


@dataclass(frozen=True)
class Blocker:
    """One kind of thing open on one provision: how many, and whose."""

    provision: int
    kind: str  # BRACKETS, PROPOSALS or OBJECTIONS
    count: int
    by: list[str] = field(default_factory=list)  # delegations, where the blocker is theirs

    def sentence(self) -> str:
        whose = f" ({', '.join(self.by)})" if self.by else ""
        if self.kind == BRACKETS:
            return ngettext("%(count)s bracket", "%(count)s brackets", self.count) % {
                "count": self.count
            }
        if self.kind == PROPOSALS:
            words = ngettext("%(count)s open proposal", "%(count)s open proposals", self.count) % {
                "count": self.count
            }
            return words + whose
        words = ngettext(
            "%(count)s standing objection", "%(count)s standing objections", self.count
        ) % {"count": self.count}
        return words + whose


# Each source takes (negotiation, provision ids) and gives the blockers it knows of.
Source = Callable[[Any, Iterable[int]], list[Blocker]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    """Add a source of blockers (called once, when the app that has them starts)."""
    if source not in _sources:
        _sources.append(source)
    return source


def registered(negotiation: Any, provisions: Iterable[int]) -> list[Blocker]:
    """The blockers every registered source knows of on these provisions."""
    provisions = list(provisions)
    return [blocker for source in _sources for blocker in source(negotiation, provisions)]


def listed(blockers: list[Blocker]) -> str:
    """'1 bracket, 2 open proposals (BR, KE) and 3 standing objections (...)'."""
    parts = [b.sentence() for b in blockers]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}
