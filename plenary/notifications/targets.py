"""What can be followed, and how each kind of target is named and checked.

A target is (kind, key): a paragraph by its eId (`art_7__para_1`), an article by its eId
(`art_7`), a chapter by its eId (`chp_2`), a session or a red line by its id. A new kind needs
its check here; nothing else in the notifications needs to change.
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import NotFound
from plenary.notifications.models import TargetKind
from plenary.process.models import Negotiation
from plenary.process.visibility import get_visible_session, visible_versions
from plenary.text.structure import walk_paragraphs


def article_of(eid: str) -> str:
    """The article a paragraph's eId stands in (`art_7__para_1` → `art_7`); "" for the preamble."""
    head = eid.split("__", 1)[0]
    return head if head.startswith("art_") else ""


def _latest_content(user: Any, negotiation: Negotiation) -> dict[str, Any]:
    version = visible_versions(user, negotiation).order_by("-position").first()
    if version is None:
        raise NotFound(_("There is no text to follow yet."))
    return version.content  # type: ignore[no-any-return]


def _paragraph(user: Any, negotiation: Negotiation, key: str) -> str:
    if not any(p["eid"] == key for p in walk_paragraphs(_latest_content(user, negotiation))):
        raise NotFound(_("There is no paragraph %(eid)s in the text.") % {"eid": key})
    return key


def _article(user: Any, negotiation: Negotiation, key: str) -> str:
    content = _latest_content(user, negotiation)
    articles = {a["eid"] for c in content["chapters"] for a in c["articles"]}
    if key not in articles:
        raise NotFound(_("There is no article %(eid)s in the text.") % {"eid": key})
    return key


def chapters_of(content: dict[str, Any]) -> dict[str, str]:
    """Each article's chapter in a version's content: article eId → chapter eId."""
    return {a["eid"]: c["eid"] for c in content["chapters"] for a in c["articles"]}


def _chapter(user: Any, negotiation: Negotiation, key: str) -> str:
    if key not in {c["eid"] for c in _latest_content(user, negotiation)["chapters"]}:
        raise NotFound(_("There is no chapter %(eid)s in the text.") % {"eid": key})
    return key


def _session(user: Any, negotiation: Negotiation, key: str) -> str:
    if not key.isdigit():
        raise NotFound(_("There is no such session."))
    return str(get_visible_session(user, negotiation, int(key)).pk)


def _red_line(user: Any, negotiation: Negotiation, key: str) -> str:
    from plenary.advocacy.visibility import get_visible_red_line

    if not key.isdigit():
        raise NotFound(_("There is no such red line."))
    return str(get_visible_red_line(user, negotiation, int(key)).pk)


CHECKS: dict[str, Callable[[Any, Negotiation, str], str]] = {
    TargetKind.PARAGRAPH: _paragraph,
    TargetKind.ARTICLE: _article,
    TargetKind.CHAPTER: _chapter,
    TargetKind.SESSION: _session,
    TargetKind.RED_LINE: _red_line,
}


def check_target(user: Any, negotiation: Negotiation, kind: str, key: str) -> str:
    """The target's key if it exists and this person may see it; otherwise NotFound."""
    return CHECKS[kind](user, negotiation, key)
