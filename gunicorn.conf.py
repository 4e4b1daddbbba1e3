"""gunicorn's settings for a web node: `gunicorn -c gunicorn.conf.py portal.wsgi`.

Every value can be changed through the environment, so one file serves a
laptop, the benchmark and a city's nodes (see docs/operations.md, "Production").
"""

import multiprocessing
import os

from portal.settings.base import trusted_proxies_from_env

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers: pages are CPU-bound template rendering and short database reads.
# Two per core plus one keeps a core busy while another worker waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never takes a node down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# The load balancer's addresses (TRUSTED_PROXIES, required: the portal's one setting for
# them) are trusted for X-Forwarded-Proto; "none" trusts no one. FORWARDED_ALLOW_IPS,
# gunicorn's own variable, is overridden here.
forwarded_allow_ips = ",".join(trusted_proxies_from_env(default=None))

# Access log without query strings: search words and tokens in a URL can be personal.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
