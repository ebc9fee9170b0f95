import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import plenary.participation.models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_agenda_registration_speakers_interventions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="InterventionFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        upload_to=plenary.participation.models.intervention_file_path,
                        verbose_name="file",
                    ),
                ),
                ("name", models.CharField(max_length=150, verbose_name="file name")),
                ("kind", models.CharField(max_length=10, verbose_name="kind")),
                ("size", models.PositiveIntegerField(verbose_name="size (bytes)")),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded at")),
                (
                    "intervention",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="participation.intervention",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "file of an intervention",
                "verbose_name_plural": "files of interventions",
                "ordering": ["intervention", "uploaded_at", "id"],
            },
        ),
    ]
