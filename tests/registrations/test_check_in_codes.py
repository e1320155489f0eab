"""The check-in code as a QR code: a regular QR code with its quiet zone, on the personal
page and in the confirmation e-mail (issue 16, item 2).

segno picks a Micro QR for short data, which many phone cameras and scanners do not read by
default. The tests read the images back with a decoder (zxing-cpp) and check the symbology
it found, not only the text."""

import io
import re

import pytest
import zxingcpp
from django.core import mail
from PIL import Image

from byregion.registrations import services
from byregion.registrations.ical import qr_png, qr_svg
from byregion.registrations.models import new_check_in_code

from .conftest import key, make_gathering

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks of a regular QR code


def decode(png: bytes):
    image = Image.open(io.BytesIO(png)).convert("L")
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("code", [new_check_in_code() for _ in range(5)])
def test_the_png_is_a_regular_qr_code_that_reads_back(code):
    barcode = decode(qr_png(code))
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == code


def test_the_svg_on_the_page_is_a_regular_qr_code_with_its_quiet_zone():
    svg = qr_svg(new_check_in_code())
    scale = 5  # pixels a module
    width = int(re.search(r'width="(\d+)"', svg).group(1)) // scale
    # The first dark module (path units are modules: the path is scaled): the finder
    # pattern's top-left corner, after the quiet zone.
    left, top = map(float, re.search(r'd="M([\d.]+) ([\d.]+)', svg).groups())
    # A Micro QR is 11 to 17 modules wide; a regular QR code at least 21, plus its zone.
    assert width - 2 * QUIET_ZONE >= 21
    assert left >= QUIET_ZONE and top >= QUIET_ZONE


def test_the_confirmation_mail_carries_a_readable_qr_code(
    db, applicant, django_capture_on_commit_callbacks
):
    gathering = make_gathering(capacity=5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(gathering, applicant(), idempotency_key=key())
    images = [
        part for part in mail.outbox[-1].attachments if getattr(part, "get_content_type", None)
        and part.get_content_type() == "image/png"
    ]  # fmt: skip
    assert len(images) == 1
    barcode = decode(images[0].get_payload(decode=True))
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == registration.check_in_code
