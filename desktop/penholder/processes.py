"""Whether a process still runs on this computer, and when it started (to tell a reused process id).

Locks and temporary files record the process that wrote them; a process id alone is not enough, since the
system gives a freed id to a later process. Where ``/proc`` exists (Linux) the start time tells them apart.
"""

from __future__ import annotations

import os
from functools import lru_cache


def alive(pid: int) -> bool:
    """Return whether a process with ``pid`` runs on this computer."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except OSError:
        return True  # PermissionError: it runs under another user
    return True


@lru_cache(maxsize=1)
def _boot_time() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def started(pid: int) -> float | None:
    """Return when process ``pid`` started (seconds since the epoch, to about a second), or ``None``
    where the system does not say (no ``/proc``) or the process does not exist."""
    boot = _boot_time()
    if boot is None or pid <= 0:
        return None
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            raw = handle.read()
        ticks = int(raw[raw.rindex(")") + 2:].split()[19])  # field 22, after "pid (comm) "
    except (OSError, ValueError, IndexError):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")
