"""Crafted files for logo tests: real bytes, made here, nothing mocked."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions (a decompression bomb's calling card)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def real_png_bomb(side: int = 4000) -> bytes:
    """A real, valid PNG of side×side black pixels: a few kB that decode to many MB."""
    buf = io.BytesIO()
    Image.new("1", (side, side), 0).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def truncated_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((400, 400), 60).convert("RGB").save(buf, format="JPEG", quality=95)
    data = buf.getvalue()
    return data[: len(data) // 2]


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (120, 80), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (37.0, 24.0, 5.0)
    gps[3] = "E"
    gps[4] = (127.0, 6.0, 40.0)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


HTML_AS_PNG = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


def gif_js_polyglot() -> bytes:
    """Valid GIF89a header that is also valid JavaScript (GIF89a=...; alert(1))."""
    buf = io.BytesIO()
    Image.new("P", (10, 10)).save(buf, format="GIF")
    gif = buf.getvalue()
    return b"GIF89a/*" + gif[8:] + b"*/=1;alert(document.domain);"


def png_with_text_and_trailer() -> bytes:
    """A PNG carrying a text chunk, plus an HTML payload appended after IEND."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "secret location: 37.4N 127.1E")
    buf = io.BytesIO()
    Image.new("RGBA", (50, 50), (10, 20, 30, 128)).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue() + b"<script>alert(1)</script>"
