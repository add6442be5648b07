"""Peak memory of concurrent image uploads: a script, not a test.

Makes the largest pictures the site accepts (UPLOAD_MAX_PIXELS pixels, at most
UPLOAD_MAX_BYTES): a JPEG, a PNG with transparency and a WebP of the most pixels allowed, and
a JPEG of random noise as large as a file may be. For each picture and each use (an avatar, a
photo with its thumbnail) it starts a fresh process that decodes the picture that many times
at once (threads, as one app server's threads would) through community.common.uploads, and
reports the process's peak resident memory (VmHWM, or ru_maxrss) above what it held before
the uploads started. Prints a Markdown table.

    python manage.py benchmark_uploads                  # 4 at once, every picture, both uses
    python manage.py benchmark_uploads --concurrency 8 --pictures png,webp --uses photo

It needs no database. The test suite runs the same measurement (tests/common/test_upload_memory.py).
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from PIL import Image
from PIL import __version__ as pillow_version

from community.common import uploads
from community.common.uploads import image_process, image_variants

PICTURES = ("jpeg", "png", "webp", "noisy-jpeg")
# The same calls the profile service and the photo service make.
USES = {
    "avatar": lambda upload: image_process(upload, max_side=settings.AVATAR_SIZE, square=True),
    "photo": lambda upload: image_variants(
        upload, max_sides=(settings.PHOTO_MAX_SIDE, settings.PHOTO_THUMBNAIL_SIDE)
    ),
}
MB = 1024 * 1024


@dataclass(frozen=True)
class Peak:
    """What one fresh process measured while running ``concurrency`` uploads at once."""

    idle_bytes: int  # peak resident memory before the uploads (Django loaded, warmed up)
    peak_bytes: int  # peak resident memory after them
    seconds: float
    errors: list[str]

    @property
    def added_bytes(self) -> int:
        return self.peak_bytes - self.idle_bytes


def picture_make(kind: str, folder: Path) -> Path:
    """Write one of the largest pictures the upload limits allow into ``folder``."""
    width = int(math.sqrt(settings.UPLOAD_MAX_PIXELS * 3 / 2))  # 3:2, as cameras take them
    height = settings.UPLOAD_MAX_PIXELS // width
    path = folder / f"largest-{kind}.{'jpg' if 'jpeg' in kind else kind}"
    if kind == "noisy-jpeg":
        _noisy_jpeg_write(path)
        return path
    gradient = Image.linear_gradient("L").resize((width, height))
    if kind == "jpeg":
        Image.merge(
            "RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM), gradient)
        ).save(path, "JPEG", quality=90)
    elif kind == "png":
        # Transparency: the most bytes per pixel these formats decode to.
        Image.merge("RGBA", (gradient, gradient, gradient, gradient)).save(
            path, "PNG", compress_level=1
        )
    elif kind == "webp":
        # Flat (a gradient makes WebP too large a file), lossless, with transparency.
        Image.new("RGBA", (width, height), (0, 128, 128, 200)).save(
            path, "WEBP", lossless=True, method=0
        )
    else:
        raise ValueError(f"Unknown picture {kind!r}; one of {', '.join(PICTURES)}.")
    if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
        raise CommandError(f"{path.name} came out larger than UPLOAD_MAX_BYTES.")
    return path


def _noisy_jpeg_write(path: Path) -> None:
    """Random noise compresses worst: the most pixels that still fit in UPLOAD_MAX_BYTES."""
    rng = random.Random(2026)  # noqa: S311 (benchmark data, not security)
    pixels = settings.UPLOAD_MAX_BYTES // 3
    for _attempt in range(4):
        width = int(math.sqrt(min(pixels, settings.UPLOAD_MAX_PIXELS) * 3 / 2))
        height = int(width * 2 / 3)
        Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3)).save(
            path, "JPEG", quality=90
        )
        size = path.stat().st_size
        if 0.95 * settings.UPLOAD_MAX_BYTES <= size <= settings.UPLOAD_MAX_BYTES:
            return
        pixels = int(width * height * 0.97 * settings.UPLOAD_MAX_BYTES / size)


#: How long one measurement's uploads may wait for their turn to decode. The site tells an
#: upload to try again after a minute; on a loaded machine the last of four large PNGs can
#: wait longer than that, and a refused upload would leave fewer decodes measured than asked.
MEASURE_TIMEOUT_SECONDS = 540


def upload_peak(picture: Path, *, use: str, concurrency: int) -> Peak:
    """Run ``concurrency`` uploads of ``picture`` at once in a fresh process; its memory."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and command)
        [
            sys.executable,
            "-m",
            "django",
            "benchmark_uploads",
            "--measure",
            str(picture),
            "--uses",
            use,
            "--concurrency",
            str(concurrency),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=MEASURE_TIMEOUT_SECONDS + 60,
    )
    if result.returncode != 0:
        raise CommandError(f"The measuring process failed:\n{result.stderr}")
    return Peak(**json.loads(result.stdout.strip().splitlines()[-1]))


def _measure(picture: Path, *, use: str, concurrency: int) -> Peak:
    """In the fresh process: warm up on a small picture, then the uploads at once."""
    uploads._DecodeMemory.WAIT_SECONDS = MEASURE_TIMEOUT_SECONDS
    upload = USES[use]
    small = Path(tempfile.mkdtemp()) / "small.png"
    Image.new("RGB", (64, 48), "teal").save(small)
    with File(small.open("rb"), name=small.name) as file:
        upload(file)  # loads Pillow's plugins and the code, so they count as idle
    idle = _peak_rss()
    start = threading.Barrier(concurrency)
    errors: list[str] = []

    def one_upload():
        start.wait()
        try:
            with File(picture.open("rb"), name=picture.name) as file:
                upload(file)
        except ValidationError as refusal:  # what the uploader would read
            errors.append(refusal.messages[0])
        except Exception as error:  # noqa: BLE001 (reported, not hidden)
            errors.append(repr(error))

    threads = [threading.Thread(target=one_upload) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Peak(
        idle_bytes=idle,
        peak_bytes=_peak_rss(),
        seconds=round(time.perf_counter() - started, 2),
        errors=errors,
    )


def _refusals(errors: list[str]) -> str:
    if not errors:
        return "none"
    return f"{len(errors)}× {errors[0]}" if len(set(errors)) == 1 else "; ".join(errors)


def _peak_rss() -> int:
    """The process's peak resident memory. On Linux from /proc (VmHWM): ru_maxrss would also
    count what the parent held when it started this process."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, others KiB
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) * 1024


class Command(BaseCommand):
    help = "Peak memory of K concurrent uploads of the largest pictures the site accepts."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=4, help="uploads at once")
        parser.add_argument("--pictures", default=",".join(PICTURES))
        parser.add_argument("--uses", default=",".join(USES))
        # Internal: the fresh process that measures one picture.
        parser.add_argument("--measure", type=Path, help="(internal) measure this picture")

    def handle(self, *args, **options):
        concurrency = options["concurrency"]
        if concurrency < 1:
            raise CommandError("--concurrency must be 1 or more.")
        uses = [use for use in options["uses"].split(",") if use]
        if unknown := set(uses) - set(USES):
            raise CommandError(f"Unknown use {', '.join(unknown)}; one of {', '.join(USES)}.")
        if options["measure"]:
            peak = _measure(options["measure"], use=uses[0], concurrency=concurrency)
            self.stdout.write(json.dumps(peak.__dict__))
            return
        kinds = [kind for kind in options["pictures"].split(",") if kind]
        if unknown := set(kinds) - set(PICTURES):
            raise CommandError(
                f"Unknown picture {', '.join(unknown)}; one of {', '.join(PICTURES)}."
            )
        self.stdout.write(self._header(concurrency))
        with tempfile.TemporaryDirectory() as folder:
            for kind in kinds:
                picture = picture_make(kind, Path(folder))
                with Image.open(picture) as image:
                    described = (
                        f"{kind} {image.width}×{image.height} {image.mode}, "
                        f"{picture.stat().st_size / MB:.1f} MB"
                    )
                for use in uses:
                    peak = upload_peak(picture, use=use, concurrency=concurrency)
                    self.stdout.write(
                        f"| {described} | {use} | {peak.idle_bytes / MB:.0f} | "
                        f"{peak.peak_bytes / MB:.0f} | {peak.added_bytes / MB:.0f} | "
                        f"{peak.seconds:.1f} | {_refusals(peak.errors)} |"
                    )

    def _header(self, concurrency: int) -> str:
        return (
            f"{concurrency} uploads at once; UPLOAD_MAX_PIXELS={settings.UPLOAD_MAX_PIXELS:,}, "
            f"UPLOAD_MAX_BYTES={settings.UPLOAD_MAX_BYTES:,}, "
            f"IMAGE_DECODE_CONCURRENCY={getattr(settings, 'IMAGE_DECODE_CONCURRENCY', '-')}; "
            f"Python {platform.python_version()}, Pillow {pillow_version}, "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs\n\n"
            "| picture | use | idle MB | peak MB | added MB | seconds | refused |\n"
            "|---|---|---:|---:|---:|---:|---|"
        )
