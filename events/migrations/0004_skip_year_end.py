# Series published before this migration keep their dates (the box is off for them, so
# their occurrence rows and feeds stay as published); new events skip 年末年始 by default.

from django.db import migrations, models

HELP = "チェックすると、年末年始（市の休み。ふつうは12月29日〜1月3日）にあたる回はお休みになります。"


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_venue_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="skip_year_end",
            field=models.BooleanField(
                default=False, help_text=HELP, verbose_name="no event over the New Year holidays"
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="skip_year_end",
            field=models.BooleanField(
                default=True, help_text=HELP, verbose_name="no event over the New Year holidays"
            ),
        ),
    ]
