"""gunicorn's settings for the app servers (``gunicorn -c deploy/gunicorn.conf.py``).

Sync workers, each serving one request at a time: nginx in front buffers whole requests and
responses, so a slow client never holds a worker (README, "Production"). The number of
workers comes from ``WEB_CONCURRENCY`` (gunicorn reads it itself; about 2 per core), the
address from ``--bind`` or ``GUNICORN_BIND``.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "sync"
# A request that takes longer than this is cut off and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are replaced now and then, so memory a long-lived process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Each worker loads the site itself (no preload_app): `kill -HUP` on the master (systemd's
# reload) then starts workers with new code without dropping a request.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# No `gunicornc` control socket (gunicorn 25.1 and later): it would sit at one path per
# user, shared by every gunicorn of that user (the tests start several); signals and systemd
# manage the server instead.
control_socket_disable = True
