"""A delegation has at most one standing objection to the same thing: two requests at once left
two rows, and withdrawing one left the delegation still objecting. Of a delegation's standing
objections to one thing, the first stays; the later copies go (each was the same objection)."""

from django.conf import settings
from django.db import migrations, models


def forget_repeated_objections(apps, schema_editor):
    Objection = apps.get_model("positions", "Objection")
    seen = set()
    for objection in Objection.objects.filter(withdrawn_at__isnull=True).order_by(
        "objected_at", "id"
    ):
        key = (objection.negotiation_id, objection.delegation_id, objection.eid)
        if key in seen:
            objection.delete()
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('positions', '0006_objection_illustrative'),
        ('process', '0006_negotiation_session_translations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(forget_repeated_objections, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='objection',
            constraint=models.UniqueConstraint(condition=models.Q(('withdrawn_at__isnull', True)), fields=('negotiation', 'delegation', 'eid'), name='one_standing_objection'),
        ),
    ]
