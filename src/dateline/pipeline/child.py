"""A Pipeline in a single-threaded child process, for a worker process that has threads of its own.

Why: spaCy's compiled parser takes and gives back the GIL around many small C++ calls per token
(``PyGILState_Ensure``/``Release``).  glibc locks a mutex without atomic instructions while a
process has one thread only; once it has two, every one of those GIL round trips pays for atomic
lock/unlock.  A Dask worker always has several threads (its event loop, the task thread), and
there the whole pipeline took 16% more CPU than in a single-threaded pool worker on the same
batch (3.26 against 2.81 s); one idle extra thread in a pool worker made its spaCy pass 17-18% dearer
(``docs/SCALE.md``).  So a Dask worker
hands its batches to a child process that never starts a thread.

The child is started with ``subprocess`` (not ``multiprocessing``: Dask's worker processes are
daemonic, and those may not have multiprocessing children) and talks over a socket pair with
:class:`multiprocessing.connection.Connection` framing.  It reads the Config once, builds and warms
its Pipeline, then answers ``(task, part)`` requests with the pickled result, which the worker
passes on as bytes without unpickling it.  When the worker goes away the socket closes and the
child exits.
"""

from __future__ import annotations

import pickle
import signal
import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from typing import Any, cast

from dateline.config import Config
from dateline.errors import EngineError

OK, FAILED = b"\x00", b"\x01"
# Seconds a child may take to load spaCy, the gazetteer and the stage tables and warm up.
START_TIMEOUT_S = 600.0


class PipelineProcess:
    """One child process holding a warm Pipeline; :meth:`call` runs a task there."""

    def __init__(self, config: Config, *, start_timeout_s: float = START_TIMEOUT_S, wait: bool = True) -> None:
        """Start the child and hand it ``config``; with ``wait`` (the default) return once its Pipeline is
        warm, else call :meth:`wait_ready` before the first :meth:`call` (several children then load at once)."""
        self.start_timeout_s = start_timeout_s
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "dateline.pipeline.child", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        try:
            self.conn.send(config)
        except OSError:
            self.close()
            raise self._died() from None
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        """Wait until the child's Pipeline is built and warm; its start-up error is raised here."""
        try:
            if not self.conn.poll(self.start_timeout_s):
                raise EngineError(f"the pipeline process {self.process.pid} did not start in "
                                  f"{self.start_timeout_s:.0f} s")
            reply = self.conn.recv_bytes()
        except (EOFError, OSError):
            self.close()
            raise self._died() from None
        except BaseException:
            self.close()
            raise
        if reply[:1] != OK:
            self.close()
            raise _unpickle_error(reply[1:])

    def call(self, task: Any, part: Any) -> bytes:
        """``task(pipeline, part)`` in the child: its result, pickled.  The child's exception is raised here."""
        try:
            self.conn.send((task, part))
            reply = self.conn.recv_bytes()
        except (EOFError, OSError):
            raise self._died() from None
        if reply[:1] != OK:
            raise _unpickle_error(reply[1:])
        return reply[1:]

    def _died(self) -> EngineError:
        code = self.process.poll()
        return EngineError(f"the pipeline process {self.process.pid} of this worker died (exit code {code})",
                           hint="it may have run out of memory; try fewer workers or threads per worker")

    def close(self) -> None:
        """Close the socket (the child exits on it) and reap the child."""
        self.conn.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _unpickle_error(payload: bytes) -> BaseException:
    """The exception the child sent (:func:`_pickled_error` made it)."""
    return cast(BaseException, pickle.loads(payload))


def _pickled_error(exc: BaseException) -> bytes:
    """``exc`` pickled as it is when it pickles and unpickles, else as an EngineError with its text."""
    try:
        payload = pickle.dumps(exc)
        pickle.loads(payload)
        return payload
    except Exception:  # noqa: BLE001 - an exception type that does not survive pickling
        return pickle.dumps(EngineError(f"{type(exc).__name__}: {exc}"))


def serve(conn: Connection) -> None:
    """The child's loop: the Config, then tasks until the worker closes the socket."""
    from dateline.pipeline.engines import warm_up
    from dateline.pipeline.runner import Pipeline

    try:
        pipeline = warm_up(Pipeline(conn.recv()))
    except Exception as exc:  # noqa: BLE001 - handed to the worker, which raises it
        conn.send_bytes(FAILED + _pickled_error(exc))
        return
    conn.send_bytes(OK)
    while True:
        try:
            task, part = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = OK + pickle.dumps(task(pipeline, part), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - handed to the worker, which raises it
            reply = FAILED + _pickled_error(exc)
        try:
            conn.send_bytes(reply)
        except OSError:  # the worker went away while we worked
            return


def main(argv: list[str]) -> int:
    # Ctrl-C reaches the whole process group; the worker decides when we stop (by closing the socket).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(int(argv[1]))
    try:
        serve(conn)
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
