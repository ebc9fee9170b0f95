"""The sentences Plenary wrote into automatic accreditation decisions (in the language of
whoever happened to load a page) are rendered when shown now: the stored copies go."""

from django.db import migrations


def forget_written_sentences(apps, schema_editor):
    AccreditationRequest = apps.get_model("process", "AccreditationRequest")
    AccreditationRequest.objects.filter(status="admitted", decided_by__isnull=True).update(
        decision_note=""
    )


class Migration(migrations.Migration):
    dependencies = [("process", "0010_user_focal_point")]

    operations = [migrations.RunPython(forget_written_sentences, migrations.RunPython.noop)]
