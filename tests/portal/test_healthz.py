import pytest
from django.db.backends.base.base import BaseDatabaseWrapper


@pytest.mark.django_db
def test_health_check_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"database": "ok"}


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    assert client.get("/healthz").status_code == 503
