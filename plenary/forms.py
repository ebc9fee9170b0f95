"""One way to handle a form, on whole pages and in HTMX fragments alike.

A form is a Django form built on `PlenaryForm` (or `PlenaryModelForm`, whose fields, labels and
limits come from the model's fields, so that a limit lives in one place). The page shows it with
`{% include "forms/form.html" with form=… %}`: the <form> element, its fields (forms/fields.html:
a message at the top for what concerns the whole form, each field's message next to it, linked
by `aria-describedby`), and one submit button. The form posts with htmx when JavaScript runs and
as a plain form otherwise.

The view hands the form and the service call to `handle_form()`:

- an unbound form (a GET) is shown on its page;
- a valid form calls `act(cleaned_data)`, which calls the service and returns where to go next
  (a URL or a redirect); the success message is queued and the person is sent there (with
  `HX-Redirect` for htmx);
- a refusal — a field error found by the form, or a domain error (`plenary.errors.PlenaryError`)
  that the service raised, shown next to the field it names (`field=`) or else at the top —
  brings the same form back, bound to everything that was typed or chosen (files excepted, and
  the form says so), each message once, in the person's language, with the error's status (400
  for a field error). An htmx request gets the form alone, swapped in place of the one sent;
  any other request gets the form's page: its heading, the form and a link back.

A person therefore never loses what they typed, and never lands on a page whose only way
forward is the start page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator
from django.forms.utils import ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext_lazy as _

from plenary.errors import PlenaryError


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (and swaps the answer into the page)."""
    return request.headers.get("HX-Request") == "true"


class FormMechanics:
    """What every form of Plenary shares: where it posts, its button, its id on the page, how a
    domain error lands on it."""

    template_name = "forms/fields.html"
    submit_label: Any = _("Save")
    # "stack narrow": one field under another; "filters": in a row; "inline": a single button.
    layout = "stack narrow"
    # Fields shown together under a legend: [(legend, [field names])]; the others each alone.
    fieldsets: list[tuple[Any, list[str]]] = []
    # "post" changes something (through a service); "get" asks (a search, a filter): it reloads
    # the page with the form's fields in its address, which can be kept and shared.
    method = "post"
    # For a "get" form: what it asks, for assistive technology (a search landmark's name).
    purpose: Any = ""

    def __init__(self, *args: Any, action: str = "", key: str = "", **kwargs: Any):
        """`action`: where the form posts; `key`: what tells this form from the others of its
        kind on the same page (e.g. "object-12"), for the ids of the form and its fields (the
        names of the fields stay the same)."""
        self.key = key or type(self).__name__.removesuffix("Form").lower()
        if key:
            kwargs.setdefault("auto_id", f"id_{key}-%s")
        # Labels are read as they are written: no colon after them.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.action = action

    @property
    def element(self) -> str:
        """The id of the <form> element, unique on its page."""
        return f"form-{self.key}"

    def refuse(self, error: PlenaryError) -> None:
        """Show a service's refusal next to the field it names, or at the top of the form."""
        fields = getattr(self, "fields", {})
        field = error.field if error.field in fields else None
        self.add_error(field, error.message)  # type: ignore[attr-defined]

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """The visible fields in order, each alone (legend None) or with its fieldset's."""
        grouped = {name: legend for legend, names in self.fieldsets for name in names}
        groups: list[tuple[Any, list[Any]]] = []
        placed: set[Any] = set()
        for field in self.visible_fields():  # type: ignore[attr-defined]
            legend = grouped.get(field.name)
            if legend is None:
                groups.append((None, [field]))
            elif legend not in placed:
                placed.add(legend)
                members = [
                    f
                    for f in self.visible_fields()  # type: ignore[attr-defined]
                    if grouped.get(f.name) == legend
                ]
                groups.append((legend, members))
        return groups

    def top_errors(self) -> ErrorList:
        """The messages about the whole form (and about hidden fields, which have no place)."""
        errors = ErrorList(self.non_field_errors())  # type: ignore[attr-defined]
        for field in self.hidden_fields():  # type: ignore[attr-defined]
            errors.extend(field.errors)
        return errors


class PlenaryForm(FormMechanics, forms.Form):
    """A form that parses what a person types; the service decides whether it is allowed."""


class PlenaryModelForm(FormMechanics, forms.ModelForm):
    """A form whose fields are the model's, with their labels, choices and limits (lengths, and
    the ranges of the model fields' validators). It never saves: the service validates the
    record as a whole and writes it."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, field in self.fields.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            for validator in getattr(model_field, "validators", []):
                if isinstance(validator, MaxValueValidator) and isinstance(
                    field, forms.IntegerField
                ):
                    field.max_value = validator.limit_value
                    field.widget.attrs["max"] = validator.limit_value
                    field.validators.append(validator)

    def _post_clean(self) -> None:
        # The service checks the record (and the database its constraints); the form only
        # parses the fields, as every other form does.
        pass


class SourceFields(PlenaryForm):
    """The source of a fact, as forms ask for it: its title, document symbol and address."""

    source_title = forms.CharField(label=_("Title"), max_length=500, required=False)
    source_symbol = forms.CharField(
        label=_("Document symbol"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "A/AC.291/CRP.1"}),
    )
    source_url = forms.URLField(
        label=_("Address"), max_length=500, required=False, assume_scheme="https"
    )
    source_legend: Any = _("Source")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        names = ["source_title", "source_symbol", "source_url"]
        self.fieldsets = [*self.fieldsets, (self.source_legend, names)]

    def sources(self) -> list[dict[str, str]]:
        """The source given, as the record stores sources (none if nothing was given)."""
        data = self.cleaned_data  # type: ignore[attr-defined]
        entry = {
            key: data[f"source_{key}"]
            for key in ("title", "symbol", "url")
            if data.get(f"source_{key}")
        }
        return [entry] if entry else []


SLUG_MESSAGE = _("Use letters, digits and hyphens only, e.g. digital-rights-network.")


@dataclass(frozen=True)
class Back:
    """The link back to where the form was (shown on the form's own page)."""

    label: Any
    url: str


def handle_form(
    request: HttpRequest,
    form: FormMechanics,
    act: Callable[[dict[str, Any]], Any],
    *,
    done: Any = None,
    heading: Any = "",
    negotiation: Any = None,
    back: Back | None = None,
    intro: Any = "",
    page: Callable[[FormMechanics, int], HttpResponse] | None = None,
) -> HttpResponse:
    """Show the form, or act on it and go on, or bring it back with what was typed and why it
    was refused (see the module's docstring). `act` returns where to go next; `done` is the
    message to show there (None: `act` queued its own). `page` renders the form's page when it
    lives on a richer page than forms/page.html."""
    status = 200
    if form.is_bound:  # type: ignore[attr-defined]
        if form.is_valid():  # type: ignore[attr-defined]
            try:
                destination = act(form.cleaned_data)  # type: ignore[attr-defined]
            except PlenaryError as error:
                form.refuse(error)
                status = error.status
            else:
                if done:
                    messages.success(request, done)
                return go_to(request, destination)
        else:
            status = 400
    if status != 200 and is_htmx(request):
        return render(request, "forms/form.html", {"form": form}, status=status)
    if page is not None:
        return page(form, status)
    context = {
        "form": form,
        "heading": heading,
        "negotiation": negotiation,
        "back": back,
        "intro": intro,
    }
    return render(request, "forms/page.html", context, status=status)


class FormViewAnswers:
    """For Django's own class-based form views (sign-in, password reset): they answer as
    handle_form does. A refused form answers 400 (htmx gets the form alone); an accepted one
    sends the person on (htmx with HX-Redirect)."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[misc]
        if is_htmx(self.request) and response.status_code in {301, 302, 303}:  # type: ignore[attr-defined]
            return go_to(self.request, response)  # type: ignore[attr-defined]
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        request = self.request  # type: ignore[attr-defined]
        if is_htmx(request) and isinstance(form, FormMechanics):
            return render(request, "forms/form.html", {"form": form}, status=400)
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


def go_to(request: HttpRequest, destination: Any) -> HttpResponse:
    """Send the person on: a redirect, or for htmx an instruction to load the page."""
    if isinstance(destination, HttpResponse):
        url = destination["Location"]
    else:
        url = resolve_url(destination)
    if is_htmx(request):
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return redirect(url)
