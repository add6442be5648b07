"""The site's one way to accept an uploaded image: photos on posts and reviews, and avatars.

Whatever the user sends is opened by Pillow to learn what it really is (the file name and
the browser's content type are not trusted), refused with a clear message when it is too
big or not a picture, turned upright by its EXIF orientation, and written out anew, which
drops EXIF, GPS location, comments, text chunks and every other piece of metadata.

Decoding has a memory budget (README, "Upload memory"): pictures are refused by pixel count
before they are decoded, JPEGs are decoded at the smallest scale the copies allow, pictures
shrink in place, and one process decodes only IMAGE_DECODE_CONCURRENCY at once, together
needing at most IMAGE_DECODE_MEMORY_MB.
"""

from __future__ import annotations

import io
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

# MPO: the multi-picture JPEG that phones write; its first picture is an ordinary JPEG.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}

try:  # HEIC/HEIF (iPhone photos) where the optional pillow-heif is installed.
    import pillow_heif
except ImportError:  # pragma: no cover - depends on the installation
    pillow_heif = None
else:  # pragma: no cover
    pillow_heif.register_heif_opener()
    ACCEPTED_FORMATS |= {"HEIF"}


@dataclass(frozen=True)
class ImageUpload:
    """A picture someone picked, as a form hands it to a service, and the words they wrote to
    describe it (photos need them; an avatar goes without)."""

    upload: object
    alt_text: str = ""


@dataclass(frozen=True)
class ProcessedImage:
    content: ContentFile
    width: int
    height: int
    extension: str


def image_process(
    upload,
    *,
    max_side: int,
    square: bool = False,
    output_format: str = "JPEG",
) -> ProcessedImage:
    """Check an uploaded image and return a clean, resized copy without metadata.

    Raises ValidationError with a message meant for the person who uploaded it.
    """
    return image_variants(
        upload, max_sides=(max_side,), square=square, output_format=output_format
    )[0]


def image_variants(
    upload,
    *,
    max_sides: tuple[int, ...],
    square: bool = False,
    output_format: str = "JPEG",
) -> list[ProcessedImage]:
    """Like :func:`image_process`, one clean copy per size, from a single check and decode.

    Photos use it for the full picture and its thumbnail.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the largest we accept is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="file_too_large",
        )
    upload.seek(0)
    try:
        image = _open_checked(upload)
        target = _decoded_size(image.size, largest=max(max_sides), square=square)
        if image.format in ("JPEG", "MPO"):
            # libjpeg scales by 1/2, 1/4 or 1/8 while decoding: the full size never exists.
            image.draft("RGB", (max(max_sides), max(max_sides)))
        with _decode_memory(_decode_bytes(image, target)):
            upright = _decoded(image, target)
            return [
                _resized_copy(
                    upright, max_side=max_side, square=square, output_format=output_format
                )
                for max_side in max_sides
            ]
    finally:
        upload.seek(0)


def _decoded_size(size: tuple[int, int], *, largest: int, square: bool) -> tuple[int, int]:
    """The size to decode to: the largest copy's longest side (a square's shortest side), or
    the picture's own size when it is smaller."""
    width, height = size
    scale = largest / (min(width, height) if square else max(width, height))
    if scale >= 1:
        return size
    return max(round(width * scale), 1), max(round(height * scale), 1)


def _decoded(opened: Image.Image, target: tuple[int, int]) -> Image.Image:
    """Decode ``opened``, shrink it to ``target`` and turn it upright; return a plain image
    without the file's metadata. ``opened`` lets go of its file (never closing the upload)."""
    try:
        # Read after loading starts: a PNG may carry its EXIF after the pixels.
        orientation = opened.getexif().get(ExifTags.Base.Orientation, 1)
        image = opened
        if image.mode not in ("RGB", "RGBA", "L"):
            # Resized as the colours it shows: palette numbers only allow nearest-neighbour.
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image.thumbnail(target, Image.Resampling.LANCZOS)  # in place: no full-size copy
        small = image.copy() if image is opened else image
    except (OSError, SyntaxError, ValueError):
        raise _not_an_image() from None
    finally:
        opened.__exit__()  # drops the file and WebP's decoded bytes; the upload stays open
    # What the file carried (comments, text chunks, colour profile, EXIF, XMP) is not ours
    # to keep, and Pillow would write some of it out again (a JPEG comment, say).
    small.info = {}
    if orientation in _UPRIGHT:
        return small.transpose(_UPRIGHT[orientation])
    return small


# How to turn a picture upright for each EXIF orientation (as ImageOps.exif_transpose does).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _decode_bytes(image: Image.Image, target: tuple[int, int]) -> int:
    """About what decoding ``image`` (after draft) takes at most: Pillow keeps four bytes a
    pixel (one for grey and palette pictures); converting a palette, CMYK or 16-bit picture
    makes a full-size copy, and so does resizing one with transparency; WebP's decoder holds
    two more while it works; then the shrunken copies."""
    mode = image.mode
    per_pixel = 1 if mode in ("1", "L", "P") else 4
    if mode not in ("RGB", "RGBA", "L"):
        per_pixel += 4  # converted to RGB(A) before resizing
    if mode not in ("RGB", "L"):
        per_pixel += 4  # transparency: resized premultiplied, a copy
    if image.format == "WEBP":
        per_pixel += 8
    return image.width * image.height * per_pixel + 2 * 4 * target[0] * target[1]


class _DecodeMemory:
    """Room for image decoding in this process: at most IMAGE_DECODE_CONCURRENCY decodes at
    once, together holding at most IMAGE_DECODE_MEMORY_MB. A decode waits for room (in
    first come, roughly first served order) up to WAIT_SECONDS."""

    WAIT_SECONDS = 60

    def __init__(self):
        self._room = threading.Condition()
        self._running = 0
        self._reserved = 0

    @contextmanager
    def __call__(self, nbytes: int):
        budget = settings.IMAGE_DECODE_MEMORY_MB * 1024 * 1024
        if nbytes > budget:
            raise ValidationError(
                _(
                    "This picture is too large for us to process. Please make it smaller "
                    "(fewer pixels) and try again."
                ),
                code="image_too_large",
            )

        def room() -> bool:
            return (
                self._running < settings.IMAGE_DECODE_CONCURRENCY
                and self._reserved + nbytes <= budget
            )

        with self._room:
            if not self._room.wait_for(room, timeout=self.WAIT_SECONDS):
                raise ValidationError(
                    _("We are busy with other pictures right now. Please try again in a minute."),
                    code="busy",
                )
            self._running += 1
            self._reserved += nbytes
        try:
            yield
        finally:
            with self._room:
                self._running -= 1
                self._reserved -= nbytes
                self._room.notify_all()


_decode_memory = _DecodeMemory()


def _resized_copy(
    image: Image.Image, *, max_side: int, square: bool, output_format: str
) -> ProcessedImage:
    if square:
        image = ImageOps.fit(image, (max_side, max_side), Image.Resampling.LANCZOS)
    else:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)

    if output_format == "JPEG" and image.mode not in ("RGB", "L"):
        # Flatten transparency onto white rather than black.
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background

    buffer = io.BytesIO()
    # Only what we pass is written: no exif=, icc_profile=, pnginfo= or comment=, and the
    # image's info (which Pillow reads some of) was emptied after decoding.
    image.info = {}
    image.save(buffer, format=output_format, quality=85, optimize=True)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[output_format]
    return ProcessedImage(
        content=ContentFile(buffer.getvalue(), name=f"image.{extension}"),
        width=image.width,
        height=image.height,
        extension=extension,
    )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not a picture we can read. Please upload a JPEG, PNG, WebP or HEIC image.")
        if "HEIF" in ACCEPTED_FORMATS
        else _("This file is not a picture we can read. Please upload a JPEG, PNG or WebP image."),
        code="invalid_image",
    )


# Pillow's bomb check warns (rather than refuses) between MAX_IMAGE_PIXELS and twice that;
# the warnings filter that makes it refuse is process-wide, so one upload changes it at a time.
_open_lock = threading.Lock()


def _open_checked(upload) -> Image.Image:
    """Open ``upload`` without decoding it (Pillow reads the header only) and refuse what is
    not an accepted format or has more than UPLOAD_MAX_PIXELS pixels."""
    try:
        with _open_lock, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            _("This picture is too large to process. Please make it smaller and try again."),
            code="image_too_large",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_an_image() from None
    if image.format not in ACCEPTED_FORMATS:
        raise _not_an_image()
    width, height = image.size
    if width * height > settings.UPLOAD_MAX_PIXELS:
        raise ValidationError(
            _(
                "This picture is %(width)s × %(height)s pixels, which is more than we "
                "accept. Please make it smaller and try again."
            )
            % {"width": width, "height": height},
            code="image_too_large",
        )
    return image
