"""A replay server on a unix socket: the real daemon's replies, recorded once, served as they are.

Used for the listing of 2,000 instances (the local daemon's recorded
listing of 200, repeated with new names): the clients' CPU is what is
measured, and the replay costs none of it::

    python benchmarks/replay.py SOCKET RECORDING_JSON

``RECORDING_JSON`` maps ``"METHOD /path"`` to the reply body to serve.
"""

from __future__ import annotations

import json
import sys

from aiohttp import web


def main() -> None:
    socket, recording = sys.argv[1:3]
    with open(recording) as source:
        replies = {key: body.encode() for key, body in json.load(source).items()}

    async def serve(request: web.Request) -> web.Response:
        body = replies.get(f"{request.method} {request.path}")
        if body is None:
            return web.json_response({"type": "error", "error_code": 404, "error": "not found"}, status=404)
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", serve)
    web.run_app(app, path=socket, print=None)


if __name__ == "__main__":
    main()
