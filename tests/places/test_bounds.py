"""Ids from URLs beyond what a database holds: a 404, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_place_map_with_an_id_beyond_64_bits_is_not_found(client):
    response = client.get(f"/maps/places/{2**64}/")

    assert response.status_code == 404
