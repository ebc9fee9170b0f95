"""Choosing the interface language: Django's own view, with the CSRF check for people who are
signed in only.

The language switcher is on every page, and a page for people who are not signed in is the same
for everyone, kept in a shared cache (plenary/page_cache.py), so it cannot carry a token of one
person's. Without an account there is nothing a forged request could do in someone's name: it
could only choose the language of their own browser. A signed-in person's pages carry their
token and their choice is checked like every other form they send.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language as django_set_language

_checked = csrf_protect(django_set_language)


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return _checked(request)
    return django_set_language(request)
