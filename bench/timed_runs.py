#!/usr/bin/env python3
"""Times a command as hyperfine does: the process alone, from its spawn to its exit.

    bench/timed_runs.py RUNS [--before SHELL-COMMAND] -- COMMAND [ARG...]

Runs COMMAND RUNS times (its output discarded) and prints one line: the median, minimum and maximum
wall seconds, then the peak memory (max RSS) in KiB. Each timed run is spawned directly (posix_spawn)
and reaped with wait4, so nothing else is inside the timed span: timing around `/usr/bin/time`
between two `date` calls put about 6 ms of other processes into a 45 ms figure. The memory comes from
one more run, untimed, under GNU time (Debian `time`): a process spawned from Python starts out
sharing Python's memory, which the kernel counts into its peak (about 14 MiB). Without GNU time it is
the timed runs' median peak, which is never below that. --before runs untimed (through sh) before
each run, the memory run's too. Exits 1 when a run fails.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main(argv):
    if "--" not in argv or len(argv) < 3:
        sys.exit(__doc__)
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    runs = int(options[0])
    before = options[options.index("--before") + 1] if "--before" in options else None
    # posix_spawn does not search PATH.
    executable = command[0] if os.sep in command[0] else shutil.which(command[0])
    if executable is None:
        sys.exit(f"timed_runs: {command[0]} not found")
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
    peak = statistics.median(memory)
    if os.path.exists("/usr/bin/time"):
        if before:
            subprocess.run(["sh", "-c", before], check=True)
        with tempfile.NamedTemporaryFile("r") as report:
            subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M", *command], check=True, capture_output=True)
            peak = int(report.read().split()[-1])
    print(f"{statistics.median(seconds):.6f} {min(seconds):.6f} {max(seconds):.6f} {peak:.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
