"""Settings for `make run`: the embedded default on a laptop."""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env_list

DEBUG = True
# A development key is fine here and only here: production refuses to start without one.
SECRET_KEY = "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves from the app folders here (USE_FINDERS) but expects the root to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
