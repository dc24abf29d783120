#!/usr/bin/env python
"""Peak memory of a worker handling the worst logo the limits accept.

Usage (from the repository root, with the project's virtualenv):

    .venv/bin/python bench/logo_memory.py

For each candidate "worst accepted" logo (largest pixel count the limits admit, in each format,
with the largest decoded size per pixel), a fresh process loads Django and the URLconf (as a
gunicorn worker does), measures its resident memory, then runs what an upload and its approval
do: ``validate_and_clean`` (decode, verify, re-encode) and the two thumbnails. It reports the
baseline and peak resident set size (VmRSS, VmHWM). Nothing touches a database.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process; unlike ru_maxrss, VmHWM starts afresh at exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _make(kind: str, side_w: int, side_h: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    if kind == "png-rgba-gradient":
        # Compresses well (fits the byte limit), decodes to 4 bytes per pixel.
        image = Image.linear_gradient("L").resize((side_w, side_h)).convert("RGBA")
        image.save(buf, format="PNG", optimize=False, compress_level=9)
    elif kind == "jpeg-noise":
        image = Image.effect_noise((side_w, side_h), 80).convert("RGB")
        image.save(buf, format="JPEG", quality=85)
    elif kind == "webp-rgba":
        image = Image.linear_gradient("L").resize((side_w, side_h)).convert("RGBA")
        image.save(buf, format="WEBP", quality=80)
    return buf.getvalue()


def child(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - import every view module, as a worker does
    from directory.accounts import logos

    data = Path(path).read_bytes()
    from PIL import Image

    with Image.open(io.BytesIO(data)) as probe:
        width, height = probe.size
    kind = Path(path).stem.rsplit("-", 1)[0]
    baseline = _status_mb("VmRSS")
    accepted = True
    try:
        clean = logos.validate_and_clean(io.BytesIO(data), size=len(data))
        for side in logos.THUMBNAIL_SIZES.values():
            logos.make_thumbnail(clean.content, side)
    except Exception as exc:  # noqa: BLE001
        accepted = f"refused: {exc}"
    peak = _status_mb("VmHWM")
    print(
        json.dumps(
            {
                "kind": kind,
                "pixels": width * height,
                "size": f"{width}x{height}",
                "bytes": len(data),
                "max_pixels": settings.LOGO_MAX_PIXELS,
                "accepted": accepted,
                "baseline_mb": round(baseline, 1),
                "peak_mb": round(peak, 1),
            }
        )
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "directory.settings"}
    max_pixels = int(
        subprocess.run(
            [sys.executable, "-c", "import django;django.setup();from django.conf import settings;"
             "print(settings.LOGO_MAX_PIXELS)"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    side = int(max_pixels**0.5)
    cases = [
        ("png-rgba-gradient", side, side),
        ("jpeg-noise", side, side),
        ("webp-rgba", side, side),
        # The old limit's worst case (25 megapixels), to show it is now refused early.
        ("png-rgba-gradient", 5000, 5000),
    ]
    print(f"LOGO_MAX_PIXELS={max_pixels:,}")
    print(
        f"{'logo':<22} {'size':>11} {'bytes':>9} {'accepted':>9} {'baseline MB':>12} {'peak MB':>8}"
    )
    folder = ROOT / "var" / "bench" / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    for kind, w, h in cases:
        # Made here, in this process, so the measured process only receives the bytes.
        path = folder / f"{kind}-{w}x{h}.bin"
        if not path.exists():
            path.write_bytes(_make(kind, w, h))
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        row = json.loads(out.strip().splitlines()[-1])
        accepted = "yes" if row["accepted"] is True else "no"
        print(
            f"{row['kind']:<22} {row['size']:>11} {row['bytes']:>9} {accepted:>9} "
            f"{row['baseline_mb']:>12} {row['peak_mb']:>8}"
        )


if __name__ == "__main__":
    main()
