"""Decoding uploads has a memory budget: the largest pictures the site accepts, arriving four
at once, add no more than IMAGE_DECODE_MEMORY_MB to the process's peak. Measured in a fresh
process (manage.py benchmark_uploads does the same for every kind of picture)."""

import pytest
from django.conf import settings

from benchmarks.management.commands.benchmark_uploads import picture_make, upload_peak

MB = 1024 * 1024


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "use"),
    [
        ("jpeg", "avatar"),  # four avatars like these took a process to 1.4 GB
        ("png", "photo"),  # the most memory a picture we accept needs
    ],
)
def test_four_concurrent_uploads_of_the_largest_pictures_stay_within_the_budget(
    tmp_path, kind, use
):
    picture = picture_make(kind, tmp_path)
    peak = upload_peak(picture, use=use, concurrency=4)
    assert peak.errors == []
    assert peak.added_bytes <= settings.IMAGE_DECODE_MEMORY_MB * MB, (
        f"{peak.added_bytes / MB:.0f} MB added"
    )
