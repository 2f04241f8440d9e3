"""Benchmark: import and export of a 200 MiB image, SDK vs raw aiohttp vs the CLI.

Run: ``.venv/bin/python benchmarks/bench_images.py [--size-mib 200] [--rounds 3]``

Builds a unified image whose rootfs holds one file of random bytes (an
uncompressed tar, so no compression time is measured), then times each case
in a fresh subprocess and reads that subprocess's peak RSS (for the CLI: the
peak RSS of the ``incus`` process). Python clients time the transfer
themselves, after the interpreter and libraries have loaded; the CLI is timed
from outside (its start-up is a few milliseconds). Every case runs in a throwaway project
with its own images; the image is deleted between rounds. Throughput is the
image size divided by the wall time until the server reports the import done
(import) or the last byte is on disk (export).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOCKET = os.environ.get("INCUS_SOCKET", "/var/lib/incus/unix.socket")

# -- the cases, each run as ``python bench_images.py --case NAME ARGS`` ---------

# Each client script prints ``<seconds> <fingerprint>``: the time of the
# transfer alone, after the interpreter and the libraries have loaded.

SDK_IMPORT = """
import asyncio, sys, time
from incus_sdk import Client
async def main():
    async with Client(project=sys.argv[1]) as c:
        t = time.perf_counter()
        fp = await c.images.import_file(sys.argv[2])
        print(time.perf_counter() - t, fp)
asyncio.run(main())
"""

SDK_EXPORT = """
import asyncio, sys, time
from incus_sdk import Client
async def main():
    async with Client(project=sys.argv[1]) as c:
        t = time.perf_counter()
        await c.images.export(sys.argv[2], sys.argv[3], verify=sys.argv[4] == "verify")
        print(time.perf_counter() - t, sys.argv[2])
asyncio.run(main())
"""

RAW_IMPORT = """
import asyncio, sys, time, aiohttp
async def main():
    project, path, sock = sys.argv[1], sys.argv[2], sys.argv[3]
    conn = aiohttp.UnixConnector(path=sock)
    async with aiohttp.ClientSession(connector=conn, timeout=aiohttp.ClientTimeout(total=None)) as s:
        t = time.perf_counter()
        with open(path, "rb") as f:
            async with s.post("http://incus/1.0/images", params={"project": project}, data=f,
                              headers={"Content-Type": "application/octet-stream"}) as r:
                op = (await r.json())["metadata"]["id"]
        async with s.get(f"http://incus/1.0/operations/{op}/wait", params={"project": project}) as r:
            body = await r.json()
            assert body["metadata"]["status"] == "Success", body
            print(time.perf_counter() - t, body["metadata"]["metadata"]["fingerprint"])
asyncio.run(main())
"""

RAW_EXPORT = """
import asyncio, sys, time, aiohttp
async def main():
    project, fp, target, sock = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    conn = aiohttp.UnixConnector(path=sock)
    async with aiohttp.ClientSession(connector=conn, timeout=aiohttp.ClientTimeout(total=None)) as s:
        t = time.perf_counter()
        async with s.get(f"http://incus/1.0/images/{fp}/export", params={"project": project}) as r:
            assert r.status == 200
            with open(target, "wb") as f:
                async for chunk in r.content.iter_any():
                    f.write(chunk)
        print(time.perf_counter() - t, fp)
asyncio.run(main())
"""


def run_measured(argv: list[str]) -> tuple[float, int, str]:
    """Run a command in a wrapper process; return (seconds, peak RSS in KiB, stdout)."""
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "dt = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'rc': p.returncode, 'dt': dt, 'rss': rss, 'out': p.stdout.decode(), "
        "'err': p.stderr.decode()[-2000:]}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *argv], capture_output=True, check=True)
    result = json.loads(proc.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{argv[:3]} failed: {result['err']}")
    return result["dt"], result["rss"], result["out"].strip()


def incus(*args: str) -> str:
    return subprocess.run(["incus", *args], capture_output=True, check=True, text=True).stdout


def build_image(directory: str, size_mib: int) -> str:
    """A unified, uncompressed image with ``size_mib`` MiB of random data."""
    rootfs = os.path.join(directory, "rootfs")
    os.makedirs(os.path.join(rootfs, "data"))
    with open(os.path.join(rootfs, "data", "random.bin"), "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(1 << 20))
    with open(os.path.join(directory, "metadata.yaml"), "w") as f:
        f.write(f"architecture: {os.uname().machine}\ncreation_date: {int(time.time())}\nproperties:\n  os: bench\n")
    path = os.path.join(directory, "bench.tar")
    with tarfile.open(path, "w") as tar:
        tar.add(os.path.join(directory, "metadata.yaml"), "metadata.yaml")
        tar.add(rootfs, "rootfs")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="bench-images-")
    project = f"bench-{uuid.uuid4().hex[:8]}"
    incus("project", "create", project, "-c", "features.images=true", "-c", "features.profiles=false")
    try:
        image = build_image(work, args.size_mib)
        size = os.path.getsize(image)
        fingerprint = ""

        def delete_image() -> None:
            subprocess.run(["incus", "image", "delete", fingerprint, "--project", project], capture_output=True)

        py = sys.executable
        imports = {
            "sdk": [py, "-c", SDK_IMPORT, project, image],
            "raw aiohttp": [py, "-c", RAW_IMPORT, project, image, SOCKET],
            "incus CLI": ["incus", "image", "import", image, "--project", project],
        }
        results: dict[str, dict[str, list[tuple[float, int]]]] = {"import": {}, "export": {}}
        for _ in range(args.rounds):
            for name, argv in imports.items():
                dt, rss, out = run_measured(argv)
                if name != "incus CLI":
                    elapsed, fingerprint = out.splitlines()[-1].split()
                    dt = float(elapsed)
                results["import"].setdefault(name, []).append((dt, rss))
                delete_image()
        fingerprint = run_measured(imports["sdk"])[2].splitlines()[-1].split()[1]
        target_dir = os.path.join(work, "out")
        os.makedirs(target_dir)
        target = os.path.join(target_dir, "image.tar")
        exports = {
            "sdk": [py, "-c", SDK_EXPORT, project, fingerprint, target, "verify"],
            "sdk no hash": [py, "-c", SDK_EXPORT, project, fingerprint, target, "no"],
            "raw aiohttp": [py, "-c", RAW_EXPORT, project, fingerprint, target, SOCKET],
            "incus CLI": [
                "incus",
                "image",
                "export",
                fingerprint,
                os.path.join(target_dir, "cli"),
                "--project",
                project,
            ],
        }
        for _ in range(args.rounds):
            for name, argv in exports.items():
                dt, rss, out = run_measured(argv)
                if name != "incus CLI":
                    dt = float(out.splitlines()[-1].split()[0])
                results["export"].setdefault(name, []).append((dt, rss))
                shutil.rmtree(target_dir)
                os.makedirs(target_dir)
        delete_image()

        mib = size / (1 << 20)
        print(f"image: {mib:.1f} MiB unified uncompressed tar, {args.rounds} rounds, median time, max peak RSS")
        print(f"{'case':<8} {'client':<13} {'time s':>7} {'MiB/s':>7} {'vs raw':>7} {'peak RSS MiB':>13}")
        for case, by_client in results.items():
            raw = statistics.median(dt for dt, _ in by_client["raw aiohttp"])
            for client, runs in by_client.items():
                dt = statistics.median(d for d, _ in runs)
                rss = max(r for _, r in runs) / 1024
                print(f"{case:<8} {client:<13} {dt:7.2f} {mib / dt:7.1f} {dt / raw:6.2f}x {rss:13.1f}")
        print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    finally:
        for fp in json.loads(incus("image", "list", "--project", project, "--format", "json")):
            subprocess.run(["incus", "image", "delete", fp["fingerprint"], "--project", project], capture_output=True)
        subprocess.run(["incus", "project", "delete", project], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
