"""Forms of accounts: signing up an organization, inviting people, their roles, a first or a
forgotten password. The services in process/services/accounts.py decide what is allowed."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from plenary.forms import SLUG_MESSAGE, FormMechanics, PlenaryForm
from plenary.process.models import Delegation, Organization, Role, User
from plenary.process.models.participants import OrganizationKind
from plenary.validation import max_length

USERNAME = User._meta.get_field("username")


def _username_field() -> forms.CharField:
    return forms.CharField(
        label=_("User name"),
        max_length=USERNAME.max_length,
        help_text=_("Letters, digits and @ . + - _ only; used to sign in."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Email address"),
        max_length=max_length(User, "email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordFields(PlenaryForm):
    """A new password, typed twice."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password_again(self) -> str:
        again = self.cleaned_data["password_again"]
        if self.cleaned_data.get("password") not in (None, again):
            raise forms.ValidationError(_("The two passwords differ: type the same one twice."))
        return again


class SignUpForm(NewPasswordFields):
    name = forms.CharField(
        label=_("Name of the organization"),
        max_length=max_length(Organization, "name"),
    )
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=max_length(Organization, "slug"),
        help_text=_("Letters, digits and hyphens, e.g. digital-rights-network."),
        error_messages={"invalid": SLUG_MESSAGE},
    )
    kind = forms.ChoiceField(label=_("Kind of organization"), choices=OrganizationKind.choices)
    country = forms.CharField(
        label=_("Country (ISO code, e.g. KE)"),
        max_length=max_length(Organization, "country"),
        required=False,
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=max_length(Organization, "website"),
        required=False,
        assume_scheme="https",
    )
    username = _username_field()
    email = _email_field()
    submit_label = _("Sign up and request accreditation")
    field_order = ["name", "slug", "kind", "country", "website", "username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fieldsets = [
            (_("Your organization"), ["name", "slug", "kind", "country", "website"]),
            (_("Your account"), ["username", "email", "password", "password_again"]),
        ]


class WelcomeForm(NewPasswordFields):
    submit_label = _("Open my account")


def delegation_choices() -> list[tuple[int, str]]:
    return [
        (d.pk, f"{d.name} ({d.negotiation.short_title})")
        for d in Delegation.objects.select_related("negotiation").order_by("negotiation", "name")
    ]


class RoleFields(PlenaryForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    delegation = forms.TypedChoiceField(
        label=_("Delegation (for a delegation member)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    organization = forms.ModelChoiceField(
        label=_("Organization (for a stakeholder)"),
        queryset=Organization.objects.order_by("name"),
        to_field_name="slug",
        required=False,
    )
    focal_point = forms.BooleanField(
        label=_("Focal point of the delegation (adds and removes its members)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [("", "—"), *delegation_choices()]

    def clean_delegation(self) -> Delegation | None:
        pk = self.cleaned_data["delegation"]
        return Delegation.objects.filter(pk=pk).first() if pk else None


class PersonForm(RoleFields):
    """The secretariat or the chair add a person, who gets an invitation by email."""

    username = _username_field()
    email = _email_field()
    submit_label = _("Create the account and send the invitation")
    field_order = ["username", "email", "role", "delegation", "organization", "focal_point"]


class RoleForm(RoleFields):
    submit_label = _("Save the role")


class MemberForm(PlenaryForm):
    """A focal point adds a member to their own delegation."""

    username = _username_field()
    email = _email_field()
    submit_label = _("Add and send the invitation")


class ResetRequestForm(FormMechanics, PasswordResetForm):
    submit_label = _("Send me a link")


class ResetPasswordForm(FormMechanics, SetPasswordForm):
    submit_label = _("Save the new password")
