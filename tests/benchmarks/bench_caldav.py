"""CalDAV publishing speed: the scheduled demo (30 visits, 220 events in 15 calendars) to a real Radicale.

Run: python tests/benchmarks/bench_caldav.py [--delay-ms 25]
Each event is one request, so on a real network the round trip decides: the server is reached
through a local proxy that holds every chunk of data for --delay-ms in each direction, as a
server across town would. Prints the first publish (everything created), an unchanged publish
(only the reading) and, for comparison, the first publish with one connection at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.feeds import publishing
from desktop_app.core.dataset.demo import load_demo
from desktop_app.core.feeds.publishing import CalDAVTarget, publish_caldav
from desktop_app.core.store.repository import Repository
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store.database import open_database
from tests.radicale_server import RadicaleServer, free_port


def start_delaying_proxy(target_port: int, delay: float) -> int:
    """A TCP proxy on 127.0.0.1 that forwards each chunk ``delay`` seconds late; returns its port."""
    port = free_port()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                await asyncio.sleep(delay)
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(serve()), daemon=True).start()
    time.sleep(0.3)
    return port


def timed_publish(repo: Repository, url: str) -> tuple[float, publishing.CalDAVResult]:
    started = time.perf_counter()
    result = publish_caldav(repo, CalDAVTarget(url, "bureau"))
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=float, default=25.0, help="added in each direction (default 25 ms)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        repo = Repository(open_database(folder / "demo.sqlite"))
        today = dt.date(2026, 11, 30)
        load_demo(repo.db, today=today)
        run_schedule(repo, today, solver="greedy")
        events = len(repo.visits()) + sum(len(v.departments) for v in repo.visits())
        for connections in (publishing.CALDAV_CONNECTIONS, 1):
            server = RadicaleServer(folder / f"radicale-{connections}")
            try:
                url = f"http://127.0.0.1:{start_delaying_proxy(server.port, args.delay_ms / 1000)}/"
                publishing.CALDAV_CONNECTIONS = connections
                first, result = timed_publish(repo, url)
                again, unchanged = timed_publish(repo, url)
            finally:
                server.stop()
            print(f"{connections} connection(s), {args.delay_ms:.0f} ms each way: first publish {first:.1f} s "
                  f"({result.created} events created in {len(result.calendars_created)} calendars, "
                  f"{events} expected), unchanged publish {again:.1f} s ({unchanged.unchanged} unchanged)")


if __name__ == "__main__":
    main()
