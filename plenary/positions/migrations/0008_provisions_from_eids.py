"""Issues, stances and objections move from eIds to provisions (plenary/text/migrating.py says
how an eId is read); `package_<id>` and `proposal_<id>` become their records."""

from django.db import migrations

from plenary.text.migrating import EidReader


def _numbered(name, prefix):
    rest = name.removeprefix(prefix)
    return int(rest) if name.startswith(prefix) and rest.isdigit() else None


def forwards(apps, schema_editor):
    Negotiation = apps.get_model("process", "Negotiation")
    Issue = apps.get_model("positions", "Issue")
    Stance = apps.get_model("positions", "Stance")
    Objection = apps.get_model("positions", "Objection")
    for negotiation in Negotiation.objects.all():
        reader = EidReader(apps, negotiation.pk)
        for issue in Issue.objects.filter(negotiation=negotiation):
            issue.provisions.set([reader.provision(eid)[0] for eid in issue.eids])
        for stance in Stance.objects.filter(negotiation=negotiation).exclude(eid=""):
            package = _numbered(stance.eid, "package_")
            proposal = _numbered(stance.eid, "proposal_")
            if package is not None:
                stance.package_id = package
            elif proposal is not None:
                stance.proposal_id = proposal
            else:
                stance.provision_id, stance.made_on_id = reader.provision(
                    stance.eid, stance.recorded_at
                )
            stance.save(update_fields=["package", "proposal", "provision", "made_on"])
        for objection in Objection.objects.filter(negotiation=negotiation):
            package = _numbered(objection.eid, "package_")
            if package is not None:
                objection.package_id = package
            else:
                objection.provision_id, objection.made_on_id = reader.provision(
                    objection.eid, objection.objected_at
                )
            objection.save(update_fields=["package", "provision", "made_on"])
        # A delegation stands by one objection to the same thing: of duplicates standing at
        # once, the earliest stands and the later ones are recorded as withdrawn with it.
        standing = {}
        for objection in Objection.objects.filter(
            negotiation=negotiation, withdrawn_at__isnull=True
        ).order_by("objected_at", "id"):
            key = (objection.delegation_id, objection.provision_id, objection.package_id)
            if key in standing:
                objection.withdrawn_at = objection.objected_at
                objection.save(update_fields=["withdrawn_at"])
            else:
                standing[key] = objection


class Migration(migrations.Migration):
    dependencies = [("positions", "0007_provisions"), ("text", "0009_provisions_required")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
