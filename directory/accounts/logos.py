"""Safe logo uploads: decode with Pillow, refuse anything odd, re-encode without metadata.

Nothing here trusts the file name or the declared content type. An upload becomes a logo only
if Pillow decodes it completely as PNG, JPEG or WebP within the size and pixel limits; the
stored file is a fresh encoding of the pixels, so EXIF (GPS!), text chunks and any trailing
payload (polyglots) are gone.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP")
STORED_MAX_SIDE = 1024
THUMBNAIL_SIZES = {"small": 64, "medium": 256}
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}


@dataclass(frozen=True)
class CleanLogo:
    content: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _open(data: bytes) -> Image.Image:
    """Open (header only) as one of the allowed formats, turning bomb warnings into errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _refuse(
                _("This image has too many pixels. Upload a smaller logo."), "too_many_pixels"
            ) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise _refuse(
                _("Upload a PNG, JPEG or WebP image. Other files (including SVG) are refused."),
                "format",
            ) from exc


def validate_and_clean(upload: IO[bytes], *, size: int | None = None) -> CleanLogo:
    """Check an uploaded file and return a metadata-free re-encoding of it.

    Raises ``ValidationError`` with a clear message for anything that is not a sound PNG, JPEG
    or WebP image within ``LOGO_MAX_BYTES`` and ``LOGO_MAX_PIXELS``.
    """
    max_bytes = settings.LOGO_MAX_BYTES
    max_pixels = settings.LOGO_MAX_PIXELS
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data:
        raise _refuse(_("The uploaded file is empty."), "empty")

    image = _open(data)
    if image.format not in ALLOWED_FORMATS:
        raise _refuse(_("Upload a PNG, JPEG or WebP image."), "format")
    source_format = image.format
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise _refuse(
            _("This image has too many pixels (at most %(max)s). Upload a smaller logo.")
            % {"max": f"{max_pixels:,}"},
            "too_many_pixels",
        )
    try:
        image.verify()
        image = _open(data)
        if source_format == "JPEG":
            # Decode at a reduced scale (1/2, 1/4 or 1/8) when that still covers the stored
            # size: a large JPEG never occupies its full size in memory.
            image.draft(
                "RGB" if image.mode not in ("L", "CMYK") else image.mode,
                (STORED_MAX_SIDE, STORED_MAX_SIDE),
            )
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(_("This image has too many pixels."), "too_many_pixels") from exc
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not a sound image"
        raise _refuse(
            _("This image is damaged or incomplete and cannot be read."), "damaged"
        ) from exc

    return CleanLogo(**_reencode(image, source_format))


def _too_big(max_bytes: int) -> ValidationError:
    return _refuse(
        _("The logo is too large: at most %(mb)s MB.") % {"mb": f"{max_bytes / 1024 / 1024:g}"},
        "too_large",
    )


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels: no info dict, EXIF, ICC or text chunks.

    Works in place where Pillow allows and shrinks before converting, so that at most about
    two full-size copies of the decoded image exist at once (bench/logo_memory.py).
    """
    ImageOps.exif_transpose(image, in_place=True)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    target = "RGBA" if has_alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette, 1-bit, CMYK, 16-bit: resizing them directly would be lossy or unsupported.
        image = image.convert(target)
    image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode != target:
        image = image.convert(target)
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _reencode(image: Image.Image, source_format: str) -> dict:
    clean = _pixels_only(image)
    buf = io.BytesIO()
    if clean.mode == "RGBA" or source_format == "PNG":
        fmt = "PNG"
        clean.save(buf, format="PNG", optimize=True)
    elif source_format == "WEBP":
        fmt = "WEBP"
        clean.save(buf, format="WEBP", quality=90)
    else:
        fmt = "JPEG"
        clean.save(buf, format="JPEG", quality=90, optimize=True)
    return {"content": buf.getvalue(), "format": fmt, "width": clean.width, "height": clean.height}


def make_thumbnail(content: bytes, side: int) -> bytes:
    """A PNG thumbnail fitting in side×side, from an already cleaned logo."""
    with Image.open(io.BytesIO(content), formats=ALLOWED_FORMATS) as image:
        image.load()
        thumb = image.convert("RGBA")
    thumb.thumbnail((side, side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    thumb.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
