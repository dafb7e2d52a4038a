#!/usr/bin/env python3
"""Times a command as hyperfine does: the process alone, from its spawn to its exit.

    bench/timed_runs.py RUNS [--before SHELL-COMMAND] -- COMMAND [ARG...]

Runs COMMAND RUNS times (its output discarded) and prints one line: the median, minimum and maximum
wall seconds, then the median peak memory (max RSS) in KiB. Each run is spawned directly
(posix_spawn) and reaped with wait4, which also gives its peak memory, so nothing else is inside the
timed span: timing around `/usr/bin/time` between two `date` calls put about 6 ms of other processes
into a 45 ms figure. --before runs untimed (through sh) before each run. Exits 1 when a run fails.
"""
import os
import statistics
import subprocess
import sys
import time


def main(argv):
    if "--" not in argv or len(argv) < 3:
        sys.exit(__doc__)
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    runs = int(options[0])
    before = options[options.index("--before") + 1] if "--before" in options else None
    executable = command[0]
    if os.sep not in executable:  # posix_spawn does not search PATH
        executable = subprocess.check_output(["sh", "-c", 'command -v "$0"', executable], text=True).strip()
    seconds, memory = [], []
    with open(os.devnull, "wb") as null:
        actions = [(os.POSIX_SPAWN_DUP2, null.fileno(), 1), (os.POSIX_SPAWN_DUP2, null.fileno(), 2)]
        for _ in range(runs):
            if before:
                subprocess.run(["sh", "-c", before], check=True)
            start = time.perf_counter_ns()
            pid = os.posix_spawn(executable, command, os.environ, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            seconds.append((time.perf_counter_ns() - start) / 1e9)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"timed_runs: {' '.join(command)} failed (status {status})")
            memory.append(usage.ru_maxrss)  # KiB on Linux
    print(f"{statistics.median(seconds):.6f} {min(seconds):.6f} {max(seconds):.6f} {statistics.median(memory):.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
