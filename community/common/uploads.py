"""The site's one way to accept an uploaded image.

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
    size = getattr(upload, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the largest we accept is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="file_too_large",
        )
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)
    if square:
        image = ImageOps.fit(image, (max_side, max_side), Image.Resampling.LANCZOS)
    else:
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
    not_an_image = ValidationError(
        _("This file is not a picture we can read. Please upload a JPEG, PNG or WebP image."),
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
