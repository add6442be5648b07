"""WSGI entry point; gunicorn serves `community.wsgi:application` in production."""

import os

from django.core.wsgi import get_wsgi_application

from community.settings import default_settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())

application = get_wsgi_application()
