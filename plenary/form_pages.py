"""The secretariat's form pages: one flow for every form that calls a service."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.errors import PlenaryError


def form_page(
    request: HttpRequest,
    negotiation: Any,
    form: forms.Form,
    heading: str,
    act: Callable[[dict[str, Any]], HttpResponse],
    done: str,
) -> HttpResponse:
    """Show a form; on a valid POST call `act` (a service call returning the redirect), or show
    the form again, with what was typed, and the service's sentence saying what is wrong."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                destination = act(form.cleaned_data)
            except PlenaryError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, done)
                return destination
        else:
            status = 400
    context = {"negotiation": negotiation, "heading": heading, "form": form}
    return render(request, "process/form.html", context, status=status)
