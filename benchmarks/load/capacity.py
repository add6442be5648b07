"""Find the requests per second the server holds with p95 <= 200 ms and no errors.

Runs the load test (locustfile.py, headless) at each number of simulated users in turn for
``--run-time`` seconds, prints one row per level, and names the highest rate that met the
bar (p95 at most ``--p95-ms``, no errors, no 429). With ``--pid-file`` (the one serve.sh
writes) it then prints each gunicorn worker's resident memory and, from serve.sh's access
log, how many requests each has served::

    .venv/bin/python benchmarks/load/capacity.py --host http://127.0.0.1:8100 \
        --load-data /tmp/load.json --users 10,20,30,40 --run-time 60 \
        --pid-file /tmp/load-gunicorn-8100.pid

The load generator runs on the same machine as the server and takes some of its CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--load-data", required=True)
    parser.add_argument("--users", default="10,20,30,40", help="comma-separated levels")
    parser.add_argument("--run-time", type=int, default=60, help="seconds per level")
    parser.add_argument("--p95-ms", type=float, default=200)
    parser.add_argument("--pid-file", help="gunicorn's pid file, to report worker memory")
    parser.add_argument("--stop-when-missed", action="store_true", help="skip higher levels")
    options = parser.parse_args()

    print(f"Machine: {os.cpu_count()} cores; load average {_load()} at the start.")
    print("| users | req/s | p50 ms | p95 ms | p99 ms | errors | 429 | bar met |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    best = None
    for users in [int(level) for level in options.users.split(",")]:
        result = _run(options, users)
        met = (
            result["p95_ms"] <= options.p95_ms
            and result["errors"] == 0
            and result["rate_limited"] == 0
        )
        print(
            f"| {users} | {result['rps']:.1f} | {result['p50_ms']:.0f} | {result['p95_ms']:.0f} "
            f"| {result['p99_ms']:.0f} | {result['errors']} | {result['rate_limited']} "
            f"| {'yes' if met else 'no'} |",
            flush=True,
        )
        for error, count in result.get("errors_by_kind", {}).items():
            print(f"  {count} × {error}", flush=True)
        if met and (best is None or result["rps"] > best["rps"]):
            best = {**result, "users": users}
        if not met and options.stop_when_missed:
            break
        time.sleep(3)  # let the queue drain between levels
    print(f"Load average {_load()} at the end.")
    if best:
        print(
            f"Held: {best['rps']:.1f} req/s at p95 {best['p95_ms']:.0f} ms, "
            f"0 errors ({best['users']} users)."
        )
    else:
        print(f"No level met p95 <= {options.p95_ms:.0f} ms with 0 errors.")
    if options.pid_file:
        _workers_report(Path(options.pid_file))
    return 0


def _run(options, users: int) -> dict:
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--host", options.host, "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{options.run_time}s", "--only-summary", "--stop-timeout", "10",
        "--load-data", options.load_data, "--loglevel", "WARNING",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith("LOAD-RESULT "):
            return json.loads(line.removeprefix("LOAD-RESULT "))
    raise SystemExit(f"locust gave no result:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def _workers_report(pid_file: Path) -> None:
    master = int(pid_file.read_text().strip())
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    served = Counter()
    log = pid_file.with_suffix(".log")
    if log.exists():
        with log.open() as lines:
            # Each line starts with the worker's pid, as gunicorn writes it: <1234>.
            served.update(line.split(" ", 1)[0].strip("<>") for line in lines)
    print("| gunicorn worker | requests served | CPU ms per request | VmRSS MB | VmHWM MB (peak) |")
    print("|---:|---:|---:|---:|---:|")
    for pid in children:
        status = _status(pid)
        requests = served.get(pid, 0)
        per_request = f"{_cpu_seconds(pid) * 1000 / requests:.0f}" if requests else "–"
        print(
            f"| {pid} | {requests:,} | {per_request} | {status['VmRSS'] / 1024:.0f} "
            f"| {status['VmHWM'] / 1024:.0f} |"
        )
    print(
        "CPU ms per request: the worker's own CPU time (user and system, start-up included) "
        "over the requests it served; other programs on the machine hardly change it."
    )


def _status(pid: str) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])  # kB
    return fields


def _cpu_seconds(pid: str) -> float:
    # /proc/<pid>/stat: utime and stime are the 14th and 15th fields, in clock ticks.
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
