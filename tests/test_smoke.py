import pytest


@pytest.mark.django_db
def test_home_page_is_served_in_each_language(client):
    for prefix, lang in (("", "nb"), ("/nn", "nn"), ("/en", "en")):
        response = client.get(f"{prefix}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()
