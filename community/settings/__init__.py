"""Settings modules: base.py defines everything; dev, test and production adjust it.

``DJANGO_ENV`` chooses the module when ``DJANGO_SETTINGS_MODULE`` is not set.
"""

import os

_MODULES = {
    "development": "community.settings.dev",
    "test": "community.settings.test",
    "production": "community.settings.production",
}


def default_settings_module() -> str:
    env = os.environ.get("DJANGO_ENV", "development").strip().lower()
    try:
        return _MODULES[env]
    except KeyError:
        raise RuntimeError(
            f"DJANGO_ENV={env!r} is not one of {', '.join(sorted(_MODULES))}"
        ) from None
