"""manage.py check_sources: conflict markers, unreadable stylesheets, templates that do not
compile (portal/source_checks.py). `make lint` (so `make test`) runs it; it exits with an
error and one line per problem, `path:line: what`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.source_checks import check_sources


class Command(BaseCommand):
    help = "Fail on merge-conflict markers, unparsable CSS and templates that do not compile."

    def handle(self, *args, **options):
        problems = check_sources(settings.BASE_DIR)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in the sources.")
        self.stdout.write("Sources: no conflict markers; stylesheets and templates read.")
