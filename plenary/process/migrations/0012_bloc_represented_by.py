"""A group of States is spoken for by its members and by the regional economic integration
organization that represents it, and by no one else. Existing groups named as such an
organization of the same negotiation (the European Union) are represented by it."""

import django.db.models.deletion
from django.db import migrations, models


def represented_by_their_namesake(apps, schema_editor):
    Bloc = apps.get_model("process", "Bloc")
    Delegation = apps.get_model("process", "Delegation")
    for bloc in Bloc.objects.filter(represented_by__isnull=True):
        namesake = Delegation.objects.filter(
            negotiation_id=bloc.negotiation_id, kind="reio", name=bloc.name
        ).first()
        if namesake is not None:
            bloc.represented_by = namesake
            bloc.save(update_fields=["represented_by"])


class Migration(migrations.Migration):

    dependencies = [
        ('process', '0011_accreditation_decisions_rendered_when_shown'),
    ]

    operations = [
        migrations.AddField(
            model_name='bloc',
            name='represented_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='represented_blocs', to='process.delegation', verbose_name='represented by'),
        ),
        migrations.RunPython(represented_by_their_namesake, migrations.RunPython.noop),
    ]
