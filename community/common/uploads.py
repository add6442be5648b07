"""The site's one way to accept an uploaded image: photos on posts and reviews, and avatars.

Whatever the user sends is opened by Pillow to learn what it really is (the file name and
the browser's content type are not trusted), refused with a clear message when it is too
big or not a picture, turned upright by its EXIF orientation, and written out anew, which
drops EXIF, GPS location and every other piece of metadata.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}

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
    upright = ImageOps.exif_transpose(_open_checked(upload))
    return [
        _resized_copy(upright, max_side=max_side, square=square, output_format=output_format)
        for max_side in max_sides
    ]


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
    # Saving without exif=/pnginfo= writes no metadata at all.
    image.save(buffer, format=output_format, quality=85, optimize=True)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[output_format]
    return ProcessedImage(
        content=ContentFile(buffer.getvalue(), name=f"image.{extension}"),
        width=image.width,
        height=image.height,
        extension=extension,
    )


def _open_checked(upload) -> Image.Image:
    message = (
        _("This file is not a picture we can read. Please upload a JPEG, PNG, WebP or HEIC image.")
        if "HEIF" in ACCEPTED_FORMATS
        else _("This file is not a picture we can read. Please upload a JPEG, PNG or WebP image.")
    )
    not_an_image = ValidationError(
        message,
        code="invalid_image",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice the limit; make it refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise not_an_image
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
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            _("This picture is too large to process. Please make it smaller and try again."),
            code="image_too_large",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image from None
    finally:
        upload.seek(0)
    return image
