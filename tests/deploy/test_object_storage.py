"""Uploaded media on S3-compatible object storage (django-storages' S3Storage, configured by
settings.media_storage from BYREGION_MEDIA_*). Runs against moto's S3 server, started here in
a thread on loopback: images and their renditions go into the bucket and are linked at the
public media address; documents go into the bucket too but are linked and served only
through Wagtail's view, /documents/<id>/<file name>.
"""

import io
import json
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer
from PIL import Image
from wagtail.documents import get_document_model

from byregion.settings import media_storage
from tests.news.conftest import NewsTree, make_image

pytestmark = pytest.mark.django_db

KEYS = {"aws_access_key_id": "byregion-test", "aws_secret_access_key": "byregion-test"}
PDF = b"%PDF-1.4\n% Byregion test report\n%%EOF\n"


def public_read(name: str) -> str:
    """The bucket policy docs/operators/configuration.md gives: anyone may read the images
    (originals and renditions), nobody but the site the documents."""
    folders = [f"arn:aws:s3:::{name}/images/*", f"arn:aws:s3:::{name}/original_images/*"]
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement | {"Resource": folders}]})


def anonymous_get(url: str) -> tuple[int, bytes]:
    """What a visitor's browser gets from the bucket (loopback: moto's server)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (http, loopback)
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, b""


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible server on a free loopback port, for this module's tests."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A new bucket, and the site's media in it as the environment would configure them."""
    name = f"byregion-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-north-1", **KEYS)
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    client.put_bucket_policy(Bucket=name, Policy=public_read(name))
    public = f"{s3_endpoint}/{name}"  # the bucket's own address (path style) as the base
    env = {
        "BYREGION_MEDIA_BUCKET": name,
        "BYREGION_MEDIA_ENDPOINT_URL": s3_endpoint,
        "BYREGION_MEDIA_REGION": "eu-north-1",
        "BYREGION_MEDIA_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "BYREGION_MEDIA_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "BYREGION_MEDIA_ADDRESSING_STYLE": "path",
        "BYREGION_MEDIA_URL": public + "/",
    }
    # Django drops its storages (default_storage too) when STORAGES changes (setting_changed).
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(env)}
    assert default_storage.bucket_name == name
    return client, name, public


def keys_in(client, name) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])}


def is_public(client, name, key) -> bool:
    grants = client.get_object_acl(Bucket=name, Key=key)["Grants"]
    return any(g["Grantee"].get("URI", "").endswith("/global/AllUsers") for g in grants)


def test_without_a_bucket_media_stay_on_the_file_system():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_environment_names_the_bucket_and_its_public_address():
    config = media_storage(
        {"BYREGION_MEDIA_BUCKET": "media", "BYREGION_MEDIA_URL": "https://cdn.example.org/b/"}
    )
    assert config == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "media",
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "url_protocol": "https:",
            "custom_domain": "cdn.example.org/b",
        },
    }
    with pytest.raises(ImproperlyConfigured):
        media_storage({"BYREGION_MEDIA_BUCKET": "media", "BYREGION_MEDIA_URL": "cdn.example.org"})


def test_an_image_and_its_rendition_are_stored_in_the_bucket_and_linked_publicly(bucket):
    client, name, public = bucket
    image = make_image()
    rendition = image.get_rendition("fill-400x300")

    stored = keys_in(client, name)
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")
    assert {image.file.name, rendition.file.name} <= stored
    assert rendition.url == f"{public}/{rendition.file.name}"
    assert "Signature" not in rendition.url and "X-Amz" not in rendition.url
    assert not is_public(client, name, rendition.file.name)  # no ACL: the bucket's policy
    # The public address answers a visitor with the rendition itself.
    status, body = anonymous_get(rendition.url)
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (400, 300)
    assert anonymous_get(image.file.url)[0] == 200

    # The same name again is stored beside the first, never over it.
    second = make_image()
    assert second.file.name != image.file.name
    assert {image.file.name, second.file.name} <= keys_in(client, name)


def test_a_page_links_images_in_the_bucket_and_documents_through_wagtail(client, bucket):
    s3, name, public = bucket
    document = get_document_model()(title="Rapport")
    document.file.save("rapport.pdf", ContentFile(PDF), save=False)
    document.save()
    assert document.file.name in keys_in(s3, name)
    assert not is_public(s3, name, document.file.name)
    assert document.url == f"/documents/{document.pk}/rapport.pdf"
    # The bucket does not hand the document to a visitor; only the site's view reads it.
    assert anonymous_get(f"{public}/{document.file.name}")[0] == 403

    article = NewsTree().article(
        main_image=make_image(),
        body=f'<p>Les <a linktype="document" id="{document.pk}">rapporten</a>.</p>',
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/documents/{document.pk}/rapport.pdf"' in html
    assert document.file.name not in html  # the document is never linked in the bucket
    renditions = {r.file.name for r in article.main_image.renditions.all()}
    assert renditions and renditions <= keys_in(s3, name)
    for key in renditions:
        assert f"{public}/{key}" in html  # srcset and og:image from the public address

    served = client.get(f"/documents/{document.pk}/rapport.pdf")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
