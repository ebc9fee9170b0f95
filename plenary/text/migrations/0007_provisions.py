"""Provisions: the text's parts with identities that outlive their numbers, the rows that say
which provisions each version holds (replacing the search index), the working text and its
changes. References keep their eIds until the next migration has read them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("process", "0006_negotiation_session_translations"),
        ("text", "0006_version_label_translations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="proposal",
            options={"ordering": ["negotiation", "made_at", "id"]},
        ),
        migrations.AddField(
            model_name="proposal",
            name="closed_because",
            field=models.CharField(
                blank=True,
                choices=[
                    ("provision_deleted", "its provision was deleted from the text"),
                    ("not_taken", "the chair did not take it into the text"),
                ],
                max_length=20,
                verbose_name="closed because",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="made_on",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="text.version",
            ),
        ),
        migrations.AlterField(
            model_name="proposal",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "open"),
                    ("withdrawn", "withdrawn"),
                    ("accepted", "accepted into the text"),
                    ("closed", "closed"),
                ],
                default="open",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.CreateModel(
            name="Provision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("chapter", "chapter"),
                            ("article", "article"),
                            ("paragraph", "paragraph"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("wid", models.CharField(max_length=200, verbose_name="work identifier")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "negotiation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="provisions",
                        to="process.negotiation",
                    ),
                ),
            ],
            options={
                "ordering": ["negotiation", "id"],
            },
        ),
        migrations.AddField(
            model_name="package",
            name="provisions",
            field=models.ManyToManyField(
                related_name="packages", to="text.provision", verbose_name="paragraphs"
            ),
        ),
        migrations.AddField(
            model_name="paragraphstate",
            name="provision",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="text.provision",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="provision",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="proposals",
                to="text.provision",
                verbose_name="paragraph",
            ),
        ),
        migrations.CreateModel(
            name="ProvisionText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("chapter", "chapter"),
                            ("article", "article"),
                            ("paragraph", "paragraph"),
                        ],
                        default="paragraph",
                        max_length=10,
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
                ("eid", models.CharField(max_length=200)),
                ("number", models.CharField(blank=True, max_length=20)),
                ("article", models.CharField(blank=True, max_length=300)),
                ("text", models.TextField()),
                (
                    "in_article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="text.provision",
                    ),
                ),
                (
                    "in_chapter",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="text.provision",
                    ),
                ),
                (
                    "provision",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="texts",
                        to="text.provision",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parts",
                        to="text.version",
                    ),
                ),
            ],
            options={
                "ordering": ["version", "position"],
            },
        ),
        migrations.CreateModel(
            name="TextChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("edited", "wording edited"),
                            ("proposal_accepted", "proposal accepted"),
                            ("alternative_chosen", "alternative chosen"),
                            ("alternatives_merged", "alternatives merged"),
                            ("inserted", "inserted"),
                            ("deleted", "deleted"),
                            ("moved", "moved"),
                            ("renumbered", "articles renumbered"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("before", models.JSONField(blank=True, default=dict)),
                ("after", models.JSONField(blank=True, default=dict)),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("made_at", models.DateTimeField(verbose_name="made at")),
                (
                    "issued_in",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="changes",
                        to="text.version",
                    ),
                ),
                (
                    "made_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "negotiation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="text_changes",
                        to="process.negotiation",
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="text.proposal",
                    ),
                ),
                (
                    "provision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="changes",
                        to="text.provision",
                    ),
                ),
            ],
            options={
                "ordering": ["negotiation", "made_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="WorkingText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("content", models.JSONField(verbose_name="text")),
                ("lock_version", models.PositiveIntegerField(default=1)),
                (
                    "based_on",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="text.version",
                    ),
                ),
                (
                    "negotiation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="working_text",
                        to="process.negotiation",
                    ),
                ),
            ],
        ),
        migrations.DeleteModel(
            name="IndexedParagraph",
        ),
        migrations.AddConstraint(
            model_name="provision",
            constraint=models.UniqueConstraint(
                fields=("negotiation", "wid"), name="provision_wid_unique"
            ),
        ),
    ]
