from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_intervention_files")]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="status",
            field=models.CharField(
                choices=[
                    ("not_opened", "not taken up yet"),
                    ("open", "under discussion"),
                    ("closed", "closed"),
                ],
                default="not_opened",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="opened_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="opened at"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="under_discussion",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="paragraph under discussion (eId)"
            ),
        ),
    ]
