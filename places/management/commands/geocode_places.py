"""manage.py geocode_places: (re)compute the position of places from their address."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from places.geocoding import locate_place
from places.location import LocationSource
from places.maps import bump_map_version
from places.models import PlacePage


class Command(BaseCommand):
    help = (
        "Geocode places that have no position or only an approximate one (use --all for every "
        "place not placed by hand). With --network and GEOCODER=nominatim, addresses the offline "
        "data cannot place are sent to Nominatim, one a second."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Also places already geocoded.")
        parser.add_argument("--network", action="store_true", help="Ask the network geocoder too.")

    def handle(self, *args, all, network, **options):
        places = PlacePage.objects.exclude(location_source=LocationSource.MANUAL)
        if not all:
            places = places.filter(location_approximate=True) | PlacePage.objects.filter(
                latitude=None
            )
        places = places.select_related("district").distinct()
        improved = 0
        for place in tqdm(places, disable=options["verbosity"] < 1, unit="place"):
            was_approximate = place.location_approximate
            place.geocoded_query = ""
            place.latitude = place.longitude = None
            place.location_source = ""
            locate_place(place, use_network=network)
            PlacePage.objects.filter(pk=place.pk).update(
                latitude=place.latitude,
                longitude=place.longitude,
                location_source=place.location_source,
                location_approximate=place.location_approximate,
                geocoded_query=place.geocoded_query,
            )
            improved += was_approximate and not place.location_approximate
        bump_map_version()
        self.stdout.write(
            self.style.SUCCESS(f"Geocoded {places.count()} places; {improved} now precise.")
        )
