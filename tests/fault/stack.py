"""The production stack the fault tests break: PostgreSQL, Redis, an SMTP sink and gunicorn.

Everything here is the tests' own: a PostgreSQL cluster initialised in a temporary directory
on a free port, a Redis on a free port without persistence, an SMTP sink in this process,
and gunicorn with `portal.settings.production`. The shared PostgreSQL and Redis of the
machine are never touched. Every process is started in its own process group (or, for
PostgreSQL, stopped through pg_ctl) so that `stop()` can end it and all its children.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _postgres_bin() -> Path:
    """FAULT_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout:
    initdb and pg_ctl are not on the PATH there)."""
    if os.environ.get("FAULT_PG_BIN"):
        return Path(os.environ["FAULT_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _postgres_bin()
COMMAND_TIMEOUT = 300  # seconds, for each manage.py command
# Two of Matsumoto's districts, with their demo content: loading all 35 on PostgreSQL takes
# half a minute and the fault tests need only a site with pages, places, events and forms.
DISTRICTS = ("daiichi", "daini")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {timeout} s")


def kill_group(process: subprocess.Popen, timeout: float = 10) -> None:
    """End a process started with start_new_session=True, and everything it started."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


# --- PostgreSQL ---------------------------------------------------------------------------


class Postgres:
    """A throw-away cluster. initdb refuses to run as root: then the binaries run as the
    `postgres` OS user (runuser), in a temporary directory that user owns."""

    def __init__(self):
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="portal-fault-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        if self.as_root:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def _run(self, program: str, *args: str, timeout: float = 120) -> None:
        command = [str(PG_BIN / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.dir
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{program} {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}\n{self.log_tail()}"
            )

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C",
        )
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal")

    def _options(self) -> str:
        # fsync off: this cluster only ever stops cleanly (a fast shutdown writes a
        # checkpoint), and the tests are about the portal, not the disk.
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"

    def start(self) -> None:
        data, log = str(self.data), str(self.log)
        self._run("pg_ctl", "-D", data, "-l", log, "-o", self._options(), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except Exception:
                # pg_ctl failed: end the postmaster by its pid, then its children follow.
                with contextlib.suppress(Exception):
                    pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql: str, params=()) -> list[tuple]:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="portal", autocommit=True
        ) as connection:
            return connection.execute(sql, params).fetchall()


# --- Redis ------------------------------------------------------------------------------------


class Redis:
    def __init__(self, directory: Path):
        self.port = free_port()
        self.dir = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            kill_group(self.process)
            self.process = None


# --- SMTP sink --------------------------------------------------------------------------------


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's smtplib client: EHLO, MAIL, RCPT, DATA, QUIT."""

    def send(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.send("220 fault-sink ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.send("250-fault-sink")
                self.send("250 8BITMIME")
            elif verb == "HELO":
                self.send("250 fault-sink")
            elif verb == "MAIL":
                recipients = []
                self.send("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.send("250 OK")
            elif verb == "DATA":
                self.send("354 End data with <CR><LF>.<CR><LF>")
                data = bytearray()
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.messages.append((recipients, bytes(data)))
                self.send("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.send("250 OK")
            elif verb == "NOOP":
                self.send("250 OK")
            elif verb == "QUIT":
                self.send("221 Bye")
                return
            else:
                self.send("502 Command not implemented")


class _SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPSink:
    """Stores every mail it receives in `messages` (recipients, raw bytes); stop()/start()
    take it down and bring it back on the same port."""

    def __init__(self):
        self.port = free_port()
        self.messages: list[tuple[list[str], bytes]] = []
        self._server: _SMTPServer | None = None

    def start(self) -> None:
        self._server = _SMTPServer(("127.0.0.1", self.port), _SMTPHandler)
        self._server.messages = self.messages
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def received(self, text: str) -> bool:
        return any(text.encode() in raw for _, raw in self.messages)


# --- The portal -------------------------------------------------------------------------------


@dataclass
class Stack:
    postgres: Postgres
    redis: Redis
    smtp: SMTPSink
    var_dir: Path
    port: int = field(default_factory=free_port)
    gunicorn: subprocess.Popen | None = None
    workers: list[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.var_dir / "gunicorn.log"

    def env(self) -> dict[str, str]:
        """The production environment, as a city's server would have it."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PG", "EMAIL_", "REDIS_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings.production",
                "SECRET_KEY": "fault-tests-" + secrets.token_urlsafe(40),
                "ALLOWED_HOSTS": "127.0.0.1",
                # The load is sent straight to gunicorn: no proxy in front.
                "TRUSTED_PROXIES": "none",
                "SECURE_SSL_REDIRECT": "0",
                "DATABASE_URL": self.postgres.url,
                "REDIS_URL": self.redis.url,
                "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
                "TASKS_BACKEND": "database",
                "RATE_LIMIT_DEFAULT": "1000000/h",
                "RATE_LIMIT_SIGNUP": "1000000/h",
                "RATE_LIMIT_INTAKE": "1000000/h",
                "WEB_CONCURRENCY": "3",
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_ACCESS_LOG": "",
                "GUNICORN_LOG_LEVEL": "warning",
                "PORTAL_VAR_DIR": str(self.var_dir),
                "MEDIA_ROOT": str(self.var_dir / "media"),
                "STATIC_ROOT": str(self.var_dir / "static"),
                "PORTAL_BASE_URL": self.url,
                "DISTRICTS_FILE": str(self.var_dir / "districts.csv"),
                "DEMO_DISTRICTS": ",".join(DISTRICTS),
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def write_districts_file(self) -> None:
        source = (REPO_ROOT / "home" / "data" / "matsumoto_districts.csv").read_text("utf-8")
        header, *rows = source.splitlines()
        kept = [row for row in rows if row.split(",", 1)[0] in DISTRICTS]
        (self.var_dir / "districts.csv").write_text("\n".join([header, *kept]) + "\n", "utf-8")

    def manage(self, *args: str, timeout: float = COMMAND_TIMEOUT) -> str:
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=REPO_ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            start_new_session=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result.stdout

    def start_gunicorn(self) -> None:
        with self.log_path.open("ab") as log:
            self.gunicorn = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "portal.wsgi"],
                cwd=REPO_ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.gunicorn.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz in 60 s:\n{self.log_tail()}")

    def start_workers(self, count: int = 2) -> None:
        """`manage.py task_worker` processes, as on a city's worker nodes."""
        for number in range(count):
            with (self.var_dir / f"worker-{number}.log").open("ab") as log:
                self.workers.append(
                    subprocess.Popen(
                        [
                            str(BIN / "python"),
                            "manage.py",
                            "task_worker",
                            "--interval",
                            "0.2",
                            "--no-startup-delay",
                            "--worker-id",
                            f"fault-worker-{number}",
                        ],
                        cwd=REPO_ROOT,
                        env=self.env(),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )

    def workers_report(self) -> str:
        """Whether each worker still runs, and the end of its log (for failure messages)."""
        lines = []
        for number, worker in enumerate(self.workers):
            log = self.var_dir / f"worker-{number}.log"
            tail = log.read_text(errors="replace").splitlines()[-10:] if log.exists() else []
            state = "running" if worker.poll() is None else f"exited {worker.returncode}"
            lines += [f"worker {number}: {state}", *tail]
        return "\n".join(lines)

    def stop_workers(self) -> None:
        for worker in self.workers:
            kill_group(worker, timeout=30)
        self.workers = []

    def stop_gunicorn(self) -> None:
        if self.gunicorn is not None:
            kill_group(self.gunicorn, timeout=30)
            self.gunicorn = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no gunicorn log)"

    def count_5xx_in_log(self) -> int:
        return len(re.findall(r"Internal Server Error", self.log_path.read_text(errors="replace")))
