"""References to the text are provisions from here on: the eIds they replaced are gone."""

import django.db.models.deletion
from django.db import migrations, models


def _postgres_full_text_index(apps, schema_editor):
    # A GIN index over the English text search vector; SQLite searches without one.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX text_provisiontext_fts ON text_provisiontext "
        "USING gin (to_tsvector('english', text))"
    )


def _drop_postgres_full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS text_provisiontext_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("text", "0008_provisions_from_eids"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="paragraphstate",
            name="one_state_per_paragraph",
        ),
        migrations.RemoveField(
            model_name="package",
            name="eids",
        ),
        migrations.RemoveField(
            model_name="paragraphstate",
            name="eid",
        ),
        migrations.RemoveField(
            model_name="proposal",
            name="eid",
        ),
        migrations.AlterField(
            model_name="paragraphstate",
            name="provision",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="state",
                to="text.provision",
                verbose_name="paragraph",
            ),
        ),
        migrations.AlterField(
            model_name="proposal",
            name="provision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="proposals",
                to="text.provision",
                verbose_name="paragraph",
            ),
        ),
        migrations.AlterField(
            model_name="provisiontext",
            name="kind",
            field=models.CharField(
                choices=[
                    ("chapter", "chapter"),
                    ("article", "article"),
                    ("paragraph", "paragraph"),
                ],
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="provisiontext",
            name="position",
            field=models.PositiveIntegerField(),
        ),
        migrations.AlterField(
            model_name="provisiontext",
            name="provision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="texts",
                to="text.provision",
            ),
        ),
        migrations.AddConstraint(
            model_name="provisiontext",
            constraint=models.UniqueConstraint(
                fields=("version", "provision"), name="provision_once_a_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="provisiontext",
            constraint=models.UniqueConstraint(
                fields=("version", "eid"), name="eid_unique_in_a_version"
            ),
        ),
        migrations.RunPython(_postgres_full_text_index, _drop_postgres_full_text_index),
    ]
