"""The inbox link with its unread count, and the follow button any page can show."""

from typing import Any

from django import template

from plenary.notifications.services import is_following, unread_count

register = template.Library()


@register.inclusion_tag("notifications/_inbox_link.html", takes_context=True)
def inbox_link(context: Any) -> dict[str, Any]:
    user = context.get("user")
    return {"user": user, "unread": unread_count(user)}


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(
    context: Any, negotiation: Any, kind: str, key: Any, label: str = ""
) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user")
    return {
        "negotiation": negotiation,
        "kind": kind,
        "key": str(key),
        "signed_in": user is not None and user.is_authenticated,
        "following": is_following(user, negotiation, kind, str(key)),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
        "label": label,
    }
