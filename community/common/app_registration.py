"""The apps' configuration base: each app names the modules that tell the floors' registries
about it (search sources, notification kinds, personal data, ...), and ``ready()`` calls their
``register()`` in that order, the way Django's admin discovers each app's ``admin`` module.

Subclass it through this module (``app_registration.RegisteringAppConfig``), not by importing
the class into an ``apps.py``: Django takes every ``AppConfig`` subclass an ``apps.py`` holds
as a candidate for that app's configuration, and two candidates would leave it with none.
"""

from importlib import import_module

from django.apps import AppConfig


class RegisteringAppConfig(AppConfig):
    # The app's own modules (names below ``name``) that have a ``register()``, in call order.
    registers: tuple[str, ...] = ()

    def ready(self) -> None:
        for module in self.registers:
            import_module(f"{self.name}.{module}").register()
