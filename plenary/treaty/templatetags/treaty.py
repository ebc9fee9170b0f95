"""Showing a negotiation's place among its protocols: the treaty it belongs to, its protocols."""

from django import template

register = template.Library()


@register.inclusion_tag("treaty/_protocols.html")
def protocols(negotiation):
    """The parent treaty's negotiation and the additional protocols, each with its rule."""
    return {
        "negotiation": negotiation,
        "parent": negotiation.parent,
        "protocols": list(negotiation.protocols.all()),
    }
