from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site as data (demo/data/*.json) and the one loader that builds it
    (`manage.py seed_demo`); tooling above every app, never imported by one."""

    name = "demo"
    label = "demo"

    def ready(self):
        from community.accounts.demo_accounts import register_demo_accounts

        from .data_files import sign_in_accounts

        register_demo_accounts(sign_in_accounts())
