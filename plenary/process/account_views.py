"""Pages of accounts: signing up an organization, the first and forgotten passwords, the
secretariat's people and a focal point's delegation. Thin: parse, call a service, render."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.audit.services import record
from plenary.errors import NotAllowed, NotFound
from plenary.forms import Back, FormViewAnswers, handle_form
from plenary.process.account_forms import (
    MemberForm,
    PersonForm,
    ResetPasswordForm,
    ResetRequestForm,
    RoleForm,
    SignUpForm,
    WelcomeForm,
)
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_manage_own_delegation, can_run_process
from plenary.process.models import Delegation, Negotiation, Role, User
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.services import accounts
from plenary.process.services.people import issue_otp_enrollment
from plenary.process.visibility import get_negotiation

BACKEND = "django.contrib.auth.backends.ModelBackend"


def send_invitation(request: HttpRequest, person: User, token: str) -> bool:
    """Email the one-time link with which a person opens their account; False if the mail
    server refused it (the page says so, and the person can be invited again)."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    link = request.build_absolute_uri(reverse("welcome", args=[uid, token]))
    context = {"person": person, "link": link, "days": settings.INVITATION_DAYS}
    try:
        send_mail(
            _("Your account on Plenary"),
            render_to_string("accounts/invitation_email.txt", context),
            None,
            [person.email],
        )
    except OSError:
        messages.warning(
            request,
            _("The invitation to %(email)s could not be sent; send it again later.")
            % {"email": person.email},
        )
        return False
    return True


@never_cache
@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    """An organization signs up and asks for accreditation to the negotiation."""
    negotiation = get_negotiation(slug)
    if request.user.is_authenticated:
        messages.info(
            request, _("You are signed in already; sign out to sign up another organization.")
        )
        return redirect("accreditation", slug=slug)
    # Sign-ups are anonymous work: the place for a limit per address and per hour.

    def act(data: dict[str, Any]) -> str:
        person = accounts.sign_up_organization(
            negotiation,
            name=data["name"],
            slug=data["slug"],
            kind=data["kind"],
            country=data["country"],
            website=data["website"],
            username=data["username"],
            email=data["email"],
            password=data["password"],
        )
        login(request, person, backend=BACKEND)
        messages.success(
            request,
            _(
                "Welcome. %(organization)s is on the list for accreditation: it is admitted when "
                "the non-objection period ends without objection."
            )
            % {"organization": person.organization},
        )
        return reverse("accreditation", args=[slug])

    return handle_form(
        request,
        SignUpForm(request.POST or None, action=request.path),
        act,
        heading=_("Sign up your organization"),
        intro=_(
            "Stakeholder organizations take part once accredited to %(negotiation)s. Your "
            "organization is listed, and admitted when %(days)s days pass without objection from "
            "a member state. Organizations in consultative status with ECOSOC: sign up, then ask "
            "the secretariat to record your status."
        )
        % {"negotiation": negotiation, "days": negotiation.non_objection_days},
        negotiation=negotiation,
        back=Back(_("Back to accreditation"), reverse("accreditation", args=[slug])),
    )


@require_GET
def sign_up_choose(request: HttpRequest) -> HttpResponse:
    """Sign-up is to a negotiation: straight to it when there is one, else a choice."""
    negotiations = list(Negotiation.objects.all())
    if len(negotiations) == 1:
        return redirect("sign-up", slug=negotiations[0].slug)
    return render(request, "accounts/sign_up_choose.html", {"negotiations": negotiations})


def _invited(uidb64: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk).first()


@never_cache
@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invited person opens their account: a password of their own, then they are in."""
    person = _invited(uidb64)
    if person is None or not accounts.invitation_links.check_token(person, token):
        return render(
            request,
            "error.html",
            {
                "message": _(
                    "This invitation link has expired or has been used. If you have set your "
                    "password, sign in; otherwise ask whoever invited you for a new link."
                )
            },
            status=400,
        )

    def act(data: dict[str, Any]) -> str:
        accounts.accept_invitation(person, token=token, password=data["password"])
        if person.runs_process and settings.SECOND_FACTOR_FOR_PROCESS_ROLES:
            # Their sign-in also asks for a code; they sign in, with an enrollment code.
            return reverse("login")
        login(request, person, backend=BACKEND)
        return reverse("my-work")

    return handle_form(
        request,
        WelcomeForm(request.POST or None, action=request.path),
        act,
        done=_("Your account is open."),
        heading=_("Welcome, %(person)s") % {"person": person.username},
        intro=_("Choose the password you will sign in with."),
    )


class PasswordResetView(FormViewAnswers, auth_views.PasswordResetView):
    """A forgotten password: a link by email to the account's address (the page never says
    whether an address has an account)."""

    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")

    def get_form_kwargs(self) -> dict[str, Any]:
        # Password resets are anonymous work: the place for a limit per address and per hour.
        return super().get_form_kwargs() | {"action": self.request.path}

    def form_valid(self, form: Any) -> HttpResponse:
        for person in form.get_users(form.cleaned_data["email"]):
            record("user.password_reset_requested", person, by=None)
        return super().form_valid(form)


class PasswordResetConfirmView(FormViewAnswers, auth_views.PasswordResetConfirmView):
    form_class = ResetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"action": self.request.path}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record("user.password_reset", form.user, by=form.user)
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _person(pk: int) -> User:
    person = (
        User.objects.select_related("delegation__negotiation", "organization").filter(pk=pk).first()
    )
    if person is None:
        raise NotFound(_("There is no such person."))
    return person


def _people_page(request: HttpRequest, form=None, status: int = 200) -> HttpResponse:
    role = request.GET.get("role", "")
    people = User.objects.select_related("delegation", "organization").order_by("username")
    if role in Role.values:
        people = people.filter(role=role)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        people = people.filter(username__icontains=query)
    return render(
        request,
        "accounts/people.html",
        {
            "people": people[:500],
            "roles": Role.choices,
            "role": role,
            "query": query,
            "form": form or PersonForm(action=reverse("people")),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def people(request: HttpRequest) -> HttpResponse:
    """The secretariat's list of accounts, and the form to add a person."""
    actor = request_actor(request)
    require_runs_process(actor, _("manage accounts"))
    if request.method == "GET":
        return _people_page(request)

    def act(data: dict[str, Any]) -> str:
        person = accounts.invite_person(by=actor, **data)
        sent = send_invitation(request, person, accounts.invitation_token(person))
        if sent:
            messages.success(
                request,
                _("%(person)s is invited: a link to open the account went to %(email)s.")
                % {"person": person.username, "email": person.email},
            )
        return reverse("person", args=[person.pk])

    return handle_form(
        request,
        PersonForm(request.POST, action=reverse("people")),
        act,
        page=lambda form, status: _people_page(request, form, status),
    )


def _role_form(person: User, data=None) -> RoleForm:
    return RoleForm(
        data,
        initial={
            "role": person.role,
            "delegation": person.delegation_id,
            "organization": person.organization.slug if person.organization else None,
            "focal_point": person.focal_point,
        },
        action=reverse("person-role", args=[person.pk]),
    )


def _person_page(request: HttpRequest, person: User, form=None, status: int = 200, code=None):
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "form": form or _role_form(person),
            "opened": person.has_usable_password(),
            "enrollment_code": code,
        },
        status=status,
    )


@require_GET
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_runs_process(request_actor(request), _("manage accounts"))
    return _person_page(request, _person(pk))


@require_POST
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    require_runs_process(actor, _("assign roles"))
    person = _person(pk)

    def act(data: dict[str, Any]) -> str:
        accounts.set_role(person, by=actor, **data)
        return reverse("person", args=[pk])

    return handle_form(
        request,
        _role_form(person, request.POST),
        act,
        done=_("Role saved."),
        page=lambda form, status: _person_page(request, person, form, status),
    )


def _back_from(request: HttpRequest, person: User) -> HttpResponse:
    if can_run_process(request_actor(request)):
        return redirect("person", pk=person.pk)
    return redirect("delegation-members")


@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = accounts.deactivate(_person(pk), by=request_actor(request))
    messages.success(request, _("%(person)s can no longer sign in.") % {"person": person.username})
    return _back_from(request, person)


@require_POST
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = accounts.reactivate(_person(pk), by=request_actor(request))
    messages.success(request, _("%(person)s can sign in again.") % {"person": person.username})
    return _back_from(request, person)


@require_POST
def person_reinvite(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    token = accounts.reinvite(person, by=request_actor(request))
    if send_invitation(request, person, token):
        messages.success(
            request,
            _("A new invitation went to %(email)s.") % {"email": person.email},
        )
    return _back_from(request, person)


@never_cache
@require_POST
def person_enrollment(request: HttpRequest, pk: int) -> HttpResponse:
    """An enrollment code with which a member of the secretariat or the chair adds their
    authenticator app at their next sign-in; shown once, here."""
    actor = request_actor(request)
    require_runs_process(actor, _("issue enrollment codes"))
    person = _person(pk)
    if person == actor.user:
        raise NotAllowed(_("Ask someone else of the secretariat or the chair for your own code."))
    code = issue_otp_enrollment(person, by=actor)
    return _person_page(request, person, code=code)


def _members_page(
    request: HttpRequest, delegation: Delegation, form=None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/delegation_members.html",
        {
            "delegation": delegation,
            "members": delegation.members.order_by("username"),
            "form": form or MemberForm(action=reverse("delegation-members")),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def delegation_members(request: HttpRequest) -> HttpResponse:
    """A delegation's focal point adds and removes its members."""
    actor = require_signed_in(request_actor(request))
    delegation = actor.delegation
    if not can_manage_own_delegation(actor) or delegation is None:
        raise NotAllowed(_("Only a delegation's focal point manages its members."))
    if request.method == "GET":
        return _members_page(request, delegation)

    def act(data: dict[str, Any]) -> str:
        person = accounts.invite_person(
            by=actor,
            role=Role.DELEGATION,
            delegation=delegation,
            **data,
        )
        if send_invitation(request, person, accounts.invitation_token(person)):
            messages.success(
                request,
                _("%(person)s is invited: a link to open the account went to %(email)s.")
                % {"person": person.username, "email": person.email},
            )
        return reverse("delegation-members")

    return handle_form(
        request,
        MemberForm(request.POST, action=reverse("delegation-members")),
        act,
        page=lambda form, status: _members_page(request, delegation, form, status),
    )
