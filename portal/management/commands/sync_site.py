"""manage.py sync_site: the Wagtail Site's address and name from PORTAL_BASE_URL and
PORTAL_SITE_NAME, so that feeds, structured data and mails link to the public address.

Run it after `load_districts` (which creates the site) and on every deployment;
`make run` does. It changes one row and is safe while the site serves.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from portal.site_address import sync_default_site


class Command(BaseCommand):
    help = "Set the default Wagtail Site's hostname, port and name from PORTAL_BASE_URL."

    def handle(self, *args, **options):
        try:
            site = sync_default_site()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        except Site.DoesNotExist as error:
            raise CommandError(
                "There is no default site yet: run `manage.py load_districts` first."
            ) from error
        self.stdout.write(f"Site: {site.root_url}/ ({site.site_name})")
