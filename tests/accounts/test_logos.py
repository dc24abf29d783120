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
    result = clean(make_image_bytes("PNG", size=(3000, 1500)))
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
