"""Run queued tasks, as django-tasks-db's `db_worker` does, through database outages.

    manage.py task_worker [db_worker's options]

`db_worker` exits at the first database error that is not a lock (a
PostgreSQL restart, a fail-over, a network blip), leaving the queue unserved
until something restarts it. This command runs it again in the same process
after a pause that grows from 1 to 30 seconds, so a city's worker nodes need
no supervisor tricks to survive a database restart (systemd's Restart=always
is still wise, for everything else). A task that was running when the
database went away stays marked as running; the mail outbox does not depend
on it (`send_outbox` retries what was not sent).
"""

from __future__ import annotations

import contextlib
import logging
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

logger = logging.getLogger("portal.tasks")

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0


class Command(DBWorkerCommand):
    help = "Run queued tasks (django-tasks-db's db_worker), starting again after database outages."

    def handle(self, **options) -> None:
        pause = FIRST_PAUSE
        while True:
            started = time.monotonic()
            try:
                return super().handle(**options)
            except (OperationalError, InterfaceError) as error:
                # A worker that ran for a while before failing starts its pauses afresh.
                if time.monotonic() - started > LONGEST_PAUSE:
                    pause = FIRST_PAUSE
                logger.warning(
                    "Database unavailable (%s); running tasks again in %.0f s.",
                    type(error).__name__,
                    pause,
                )
                for connection in connections.all():
                    with contextlib.suppress(Exception):  # a broken connection may fail to close
                        connection.close()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
