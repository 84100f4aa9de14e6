"""Measure what each lesson costs a student: peak memory and CPU time of its kernel.

    .venv/bin/python scripts/measure_lessons.py                     # notebooks/ (the lessons)
    .venv/bin/python scripts/measure_lessons.py solutions exercises # other folders too
    .venv/bin/python scripts/measure_lessons.py --json results/lesson_resources.json

Each notebook runs top to bottom in a fresh kernel (nbclient, the kernel of the
environment running this script), as "Run all" does. Before the kernel is shut down its
own counters are read from /proc (Linux): the peak resident memory (VmHWM, the high-water
mark: exact, not sampled), the memory it still holds at the end (VmRSS: what an open,
idle notebook keeps), and its CPU time (user + system, all threads; above the wall time
when numpy or torch use several cores). Nothing is written into the notebooks. Also
measured: an idle JupyterLab server, the other process every student has.
"""
import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024


def proc_status_kib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def cpu_seconds(pid):
    """User + system CPU time of the process (all its threads), and of its waited-for children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime + cutime + cstime) / ticks


def measure(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        cpu0 = cpu_seconds(pid)                      # the kernel's own start-up (imports of ipykernel)
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        wall = time.perf_counter() - start
        row = {"notebook": f"{path.parent.name}/{path.name}",
               "peak_mib": proc_status_kib(pid, "VmHWM") / 1024,
               "end_mib": proc_status_kib(pid, "VmRSS") / 1024,
               "cpu_s": cpu_seconds(pid),
               "cpu_cells_s": cpu_seconds(pid) - cpu0,
               "wall_s": wall}
    return row


def idle_lab_mib():
    """Resident memory of an idle JupyterLab server (no kernel), after it has answered once."""
    jupyter = Path(sys.executable).parent / "jupyter"
    if not jupyter.exists():
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, JUPYTER_RUNTIME_DIR=f"{home}/rt")
        cmd = [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               "--IdentityProvider.token=measure", f"--ServerApp.root_dir={ROOT}"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            import urllib.request
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=measure", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            time.sleep(1)
            return proc_status_kib(proc.pid, "VmHWM") / 1024
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", default=["notebooks"], help="default: notebooks")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    rows = []
    print(f"{'notebook':45s} {'peak MiB':>9s} {'end MiB':>8s} {'CPU s':>7s} {'wall s':>7s}")
    for folder in args.folders:
        for path in sorted((ROOT / folder).glob("[0-9][0-9]_*.ipynb")):
            row = measure(path)
            rows.append(row)
            print(f"{row['notebook']:45s} {row['peak_mib']:9.0f} {row['end_mib']:8.0f} "
                  f"{row['cpu_s']:7.1f} {row['wall_s']:7.1f}", flush=True)
    for folder in args.folders:
        mine = [r for r in rows if r["notebook"].startswith(folder + "/")]
        if mine:
            print(f"{folder + '/ all':45s} {max(r['peak_mib'] for r in mine):9.0f} "
                  f"{sum(r['end_mib'] for r in mine):8.0f} {sum(r['cpu_s'] for r in mine):7.1f} "
                  f"{sum(r['wall_s'] for r in mine):7.1f}   (peak: the largest; end, CPU, wall: the sum)")
    lab = idle_lab_mib()
    if lab is not None:
        print(f"idle JupyterLab server: {lab:.0f} MiB")
    info = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d"), "idle_lab_mib": lab, "notebooks": rows}
    if args.json:
        args.json.write_text(json.dumps(info, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
