"""Logo uploads are decoded by Pillow, re-encoded without metadata, and refused when odd."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from directory.accounts import logos
from tests.factories import make_image_bytes

from .helpers import (
    HTML_AS_PNG,
    SVG_WITH_SCRIPT,
    gif_js_polyglot,
    jpeg_with_gps,
    png_declaring,
    png_with_text_and_trailer,
    real_png_bomb,
    truncated_jpeg,
)


def clean(data: bytes):
    return logos.validate_and_clean(io.BytesIO(data), size=len(data))


def refused_code(data: bytes) -> str:
    with pytest.raises(ValidationError) as info:
        clean(data)
    return info.value.code


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_png_jpeg_and_webp_are_accepted(fmt):
    result = clean(make_image_bytes(fmt, size=(300, 200)))
    assert result.format in ("PNG", "JPEG", "WEBP")
    with Image.open(io.BytesIO(result.content)) as image:
        assert image.size == (300, 200)


def test_large_logo_is_scaled_down_when_stored():
    result = clean(make_image_bytes("PNG", size=(2048, 1024)))
    assert (result.width, result.height) == (1024, 512)


def test_png_header_declaring_huge_dimensions_is_refused():
    assert refused_code(png_declaring(50_000, 50_000)) == "too_many_pixels"


def test_png_just_over_pixel_limit_is_refused(settings):
    settings.LOGO_MAX_PIXELS = 1_000_000
    data = real_png_bomb(2000)
    assert len(data) < 100_000  # tiny on disk...
    assert refused_code(data) == "too_many_pixels"  # ...but 4 million pixels


def test_pillow_bomb_limit_turns_into_form_error_not_warning():
    # 100k × 100k exceeds Pillow's own DecompressionBomb threshold as well as ours.
    assert refused_code(png_declaring(100_000, 100_000)) == "too_many_pixels"


def test_truncated_jpeg_is_refused():
    assert refused_code(truncated_jpeg()) == "damaged"


def test_html_named_png_is_refused():
    assert refused_code(HTML_AS_PNG) == "format"


def test_svg_with_script_is_refused():
    assert refused_code(SVG_WITH_SCRIPT) == "format"


def test_gif_js_polyglot_is_refused():
    assert refused_code(gif_js_polyglot()) == "format"


def test_empty_file_is_refused():
    assert refused_code(b"") == "empty"


def test_file_over_size_limit_is_refused(settings):
    settings.LOGO_MAX_BYTES = 1000
    assert refused_code(make_image_bytes("PNG", size=(400, 400), color=None) + b"x" * 2000) == (
        "too_large"
    )


def test_gps_exif_is_stripped():
    data = jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the crafted file really has GPS data
    result = clean(data)
    with Image.open(io.BytesIO(result.content)) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert b"SpyCam" not in result.content


def test_text_chunks_and_trailing_payload_are_dropped():
    result = clean(png_with_text_and_trailer())
    assert result.format == "PNG"
    assert b"secret location" not in result.content
    assert b"<script>" not in result.content


def test_thumbnails_fit_their_size():
    result = clean(make_image_bytes("PNG", size=(600, 300)))
    for side in logos.THUMBNAIL_SIZES.values():
        with Image.open(io.BytesIO(logos.make_thumbnail(result.content, side))) as thumb:
            assert max(thumb.size) == side


def test_default_pixel_limit_admits_twice_the_stored_size_and_no_more(settings):
    """The limit is what a 1024 px logo needs (a 2× source); 25-megapixel logos are refused."""
    assert settings.LOGO_MAX_PIXELS == 2048 * 2048
    assert refused_code(png_declaring(5000, 5000)) == "too_many_pixels"
    assert refused_code(png_declaring(2049, 2048)) == "too_many_pixels"


def test_large_jpeg_is_decoded_at_reduced_scale(monkeypatch):
    from PIL import JpegImagePlugin

    requested = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        requested.append(size)
        return original(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    result = clean(make_image_bytes("JPEG", size=(2048, 2048)))
    assert requested == [(1024, 1024)]
    assert (result.width, result.height) == (1024, 1024)
