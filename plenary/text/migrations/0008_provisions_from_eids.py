"""Every version gets its provisions; the working text's statuses, proposals and packages move
from eIds to them (plenary/text/migrating.py says how an eId is read)."""

from django.db import migrations

from plenary.text.migrating import EidReader, give_versions_provisions


def forwards(apps, schema_editor):
    Negotiation = apps.get_model("process", "Negotiation")
    ParagraphState = apps.get_model("text", "ParagraphState")
    Proposal = apps.get_model("text", "Proposal")
    Package = apps.get_model("text", "Package")
    for negotiation in Negotiation.objects.all():
        give_versions_provisions(apps, negotiation)
        reader = EidReader(apps, negotiation.pk)
        stated: set[int] = set()
        for state in ParagraphState.objects.filter(negotiation=negotiation).order_by("-id"):
            state.provision_id, _version = reader.provision(state.eid)
            if state.provision_id in stated:
                # Two eIds read as one paragraph: the status set last stands.
                state.delete()
                continue
            stated.add(state.provision_id)
            state.save(update_fields=["provision"])
        for proposal in Proposal.objects.filter(negotiation=negotiation):
            proposal.provision_id, proposal.made_on_id = reader.provision(
                proposal.eid, proposal.made_at
            )
            proposal.save(update_fields=["provision", "made_on"])
        for package in Package.objects.filter(negotiation=negotiation):
            package.provisions.set(
                [reader.provision(eid, package.created_at)[0] for eid in package.eids]
            )


class Migration(migrations.Migration):
    dependencies = [("text", "0007_provisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
