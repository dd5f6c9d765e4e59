"""The time budget of one document: where a runaway parse or extraction is stopped.

`deadline(seconds)` bounds the code in its block. On the main thread of a Unix process a timer signal
(SIGALRM) interrupts any Python code once the budget is spent — pdfminer's interpreter, the layout, the
text stages — at no cost while the budget lasts. Elsewhere (another thread, or a platform without
`setitimer`) the engine's own loops call `check()`, which stops at the same moment. Either way the block
raises `LimitExceeded` ("took longer than 120 s"), the one-line error of any input past a bound.

The signal's exception is a BaseException, so that no `except Exception` on the way (pdfminer has a few) can
swallow it; the timer repeats every second until the block ends, in case something swallowed it all the same,
but raises nothing within UNWIND of the exception last raised (the one `check` raised a moment before the
timer's first tick is still unwinding). A single C call that never returns (a regular expression gone
exponential) cannot be interrupted from inside the process: `hard_exit` names what to do when the block is
still running `GRACE` seconds past its budget (the command line writes its error line and ends the process; a
batch worker is killed by its parent instead).
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from .limits import amount, exceeded

GRACE = 10.0  # seconds past the budget before `hard_exit` is called

_DEADLINE: ContextVar[float | None] = ContextVar("resinspect_deadline", default=None)


class _Expired(BaseException):
    """The budget is spent (raised by the timer signal or by `check`, turned into LimitExceeded)."""


class _Alarm:
    """The timer signal's state: whether a deadline on the main thread is armed, and when the main thread last
    raised the budget's exception (by the signal or by `check`)."""

    armed = False
    raised_at = -math.inf


# the signal raises no second exception this soon after one was raised on the main thread: the first is still
# unwinding (`check` saw the deadline pass a moment before the timer did), and an exception raised inside
# the deadline's own exit would escape it; one swallowed on the way is raised again by the next tick
UNWIND = 0.5


def check() -> None:
    """Stop if the budget of the document being read is spent (cheap: call it in long loops)."""
    at = _DEADLINE.get()
    if at is not None and time.monotonic() > at:
        if threading.current_thread() is threading.main_thread():
            _Alarm.raised_at = time.monotonic()
        raise _Expired


def remaining() -> float | None:
    """Seconds left of the current budget (None: no budget)."""
    at = _DEADLINE.get()
    return None if at is None else at - time.monotonic()


def _on_alarm(signum: int, frame: object) -> None:
    if _Alarm.armed and time.monotonic() - _Alarm.raised_at >= UNWIND:
        _Alarm.raised_at = time.monotonic()
        raise _Expired


@contextlib.contextmanager
def deadline(seconds: float | None, hard_exit: Callable[[], None] | None = None) -> Iterator[None]:
    """Bound the block to `seconds` (None or 0: no bound); past it, raise LimitExceeded. Nested deadlines
    keep the earlier end."""
    if not seconds or seconds <= 0:
        yield
        return
    at = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(at if outer is None else min(at, outer))
    use_signal = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and not _Alarm.armed
    )
    old_handler: object = None
    if use_signal:
        old_handler = signal.signal(signal.SIGALRM, _on_alarm)
        _Alarm.armed, _Alarm.raised_at = True, -math.inf
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    watchdog = threading.Timer(seconds + GRACE, hard_exit) if hard_exit else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    try:
        yield
    except _Expired:
        raise exceeded(f"took longer than {amount(seconds, 's')} (--timeout sets the budget)") from None
    finally:
        if use_signal:
            _Alarm.armed = False  # first: a signal arriving now does nothing
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)  # type: ignore[arg-type]
        if watchdog:
            watchdog.cancel()
        _DEADLINE.reset(token)
