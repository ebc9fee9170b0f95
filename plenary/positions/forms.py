"""Forms of a delegation's positions on a paragraph: its stance (with its source), its objection,
and the record of an objection's withdrawal. The services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.forms import PlenaryForm, SourceFields
from plenary.positions.models import Objection, StanceChoice
from plenary.positions.services import proposal_key, provision_key
from plenary.text.models import ProposalStatus
from plenary.validation import max_length


def stance_subjects(negotiation, provision: int) -> list[tuple[str, str]]:
    """What a stance on a paragraph's page may be on: the paragraph, or one of its open
    proposals (provision_<id>, proposal_<id>)."""
    subjects = [(provision_key(provision), str(_("the paragraph")))]
    for proposal in (
        negotiation.proposals.filter(provision_id=provision, status=ProposalStatus.OPEN)
        .select_related("delegation")
        .order_by("made_at", "id")
    ):
        subjects.append(
            (
                proposal_key(proposal),
                _("the proposal of %(code)s (%(kind)s)")
                % {"code": proposal.delegation.code, "kind": proposal.get_kind_display()},
            )
        )
    return subjects


class StanceForm(SourceFields):
    # What it is on, as stance_subjects names it; the service checks it.
    subject = forms.CharField(label=_("On"), max_length=200, widget=forms.Select)
    stance = forms.ChoiceField(label=_("Stance"), choices=StanceChoice.choices)
    submit_label = _("Record the stance")
    source_legend = _(
        "Source: the statement, submission or vote it is from (a symbol or an address)"
    )
    field_order = ["subject", "stance"]

    def __init__(self, *args, delegation=None, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(subjects) > 1:
            self.fields["subject"].widget.choices = subjects
        else:
            self.fields["subject"].widget = forms.HiddenInput()
            if subjects:
                self.fields["subject"].initial = subjects[0][0]
        if delegation is not None:
            self.fields["stance"].label = _("Stance of %(delegation)s") % {"delegation": delegation}


class ObjectionForm(PlenaryForm):
    subject = forms.CharField(max_length=200, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("The reason"),
        max_length=max_length(Objection, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submit_label = _("Object")

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if delegation is not None:
            self.fields["reason"].label = _("Objection of %(delegation)s: the reason") % {
                "delegation": delegation
            }


class WithdrawalForm(SourceFields):
    """The secretariat or the chair records that a delegation withdrew its objection."""

    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    submit_label = _("Record the withdrawal")
