"""The web page: static HTML, CSS and plain JS modules served by the API's app.

``static/vendor/`` holds the npm packages (d3-geo, topojson-client, world-atlas borders), copied
there by ``make web`` from ``web/node_modules``; nothing is loaded from outside the server.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_FILES = ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "countries-110m.json")
