"""The provision picker forms offer instead of asking anyone to type an eId: the paragraphs of
the text the person may see, grouped by article, each named as readers cite it and by its
first words, so that it is found by number, title or wording (a small script adds a filter
box; without it the list works as it is)."""

from typing import Any

from django import template

from plenary.text.forms import picker_groups
from plenary.text.provisions import (
    current_outline,
    current_version,
    describe,
    page_of,
    public_outline,
)
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH

register = template.Library()

@register.inclusion_tag("text/_provision_picker.html", takes_context=True)
def provision_picker(
    context: Any,
    negotiation: Any,
    *,
    name: str = "provisions",
    label: str = "",
    multiple: bool = True,
    public: bool = False,
    kinds: str = PARAGRAPH,
    selected: Any = (),
    required: bool = False,
    field_id: str = "",
) -> dict[str, Any]:
    """A select of the text's provisions: the latest text the person may see, or with `public`
    the latest published version (for what the public will read)."""
    outline = (
        public_outline(negotiation) if public else current_outline(negotiation, context.get("user"))
    )
    wanted = tuple(k for k in kinds.split(",") if k in {PARAGRAPH, ARTICLE, CHAPTER})
    chosen = {int(s) for s in (selected or ()) if str(s).isdigit()}
    return {
        "id": field_id or f"picker-{name}",
        "name": name,
        "label": label,
        "multiple": multiple,
        "required": required,
        "groups": picker_groups(outline, wanted or (PARAGRAPH,)),
        "selected": chosen,
    }


@register.simple_tag(takes_context=True)
def provisions_named(context: Any, negotiation: Any, provisions: Any) -> list[dict[str, Any]]:
    """Provisions as this person reads them now: each with its label ("Art. 7(2) — Illegal
    access"), its page, and whether it is still in the text. Use as
    `{% provisions_named negotiation ids as named %}`."""
    user = context.get("user")
    ids = [p if isinstance(p, int) else p.pk for p in provisions]
    described = describe(negotiation, user, ids)
    latest = current_version(negotiation, user)
    return [
        {
            "provision": d.provision,
            "label": d.label,
            "eid": d.eid,
            "in_text": d.in_text,
            "url": page_of(negotiation, user, d, latest),
        }
        for d in (described[p] for p in ids if p in described)
    ]


@register.simple_tag(takes_context=True)
def provision_label(context: Any, negotiation: Any, provision: Any) -> str:
    """One provision's label as this person reads it now ("" when they may not see it)."""
    if not str(provision).isdigit():
        return ""
    described = describe(negotiation, context.get("user"), [int(provision)])
    return described[int(provision)].label if int(provision) in described else ""
