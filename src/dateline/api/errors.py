"""The API's errors: coded like the rest of the tree (``E6xx``), one JSON shape over HTTP.

::

    DatelineError
    └── ApiError             a request the API refuses                      E6xx
        ├── BadParameter         E601  400  a query/path parameter or body field is invalid
        ├── NotFound             E602  404  no record (or no route) with that id/path
        ├── Unauthorized         E603  401  writing needs ``Authorization: Bearer <DATELINE_TOKEN>``
        ├── ReadOnly             E604  403  the server was started read-only
        ├── PayloadTooLarge      E605  413  the body is over the size limit
        ├── UnsupportedMedia     E606  415  the body is neither text/plain nor application/json
        ├── MethodNotAllowed     E607  405  the route exists, the method does not
        └── ArticleRejected      E608  422  the article could not be read or processed

Every error body is ``{"error": {"code": ..., "message": ..., "hint": ...}}`` (pinned by a test).
"""

from __future__ import annotations

from typing import Any

from dateline.errors import DatelineError


class ApiError(DatelineError):
    code = "E600"
    status = 500

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.hint or None)


class BadParameter(ApiError):
    code = "E601"
    status = 400
    hint = "each route's parameters are in /openapi.json"

    def __init__(self, name: str, why: str) -> None:
        self.parameter = name
        super().__init__(f"{name}: {why}")


class NotFound(ApiError):
    code = "E602"
    status = 404
    hint = "ids come from the lists (/api/articles, /api/actors, ...) and from records"


class Unauthorized(ApiError):
    code = "E603"
    status = 401
    hint = "send the header 'Authorization: Bearer <token>' with the server's DATELINE_TOKEN"


class ReadOnly(ApiError):
    code = "E604"
    status = 403
    hint = "start the server with `dateline serve --writable` and DATELINE_TOKEN set"


class PayloadTooLarge(ApiError):
    code = "E605"
    status = 413
    hint = "send a shorter article, or raise the server's --max-body-bytes"


class UnsupportedMedia(ApiError):
    code = "E606"
    status = 415
    hint = "send Content-Type: text/plain (the article text) or application/json ({\"text\": ...})"


class MethodNotAllowed(ApiError):
    code = "E607"
    status = 405
    hint = "the API is read-only except POST /api/articles"


class ArticleRejected(ApiError):
    code = "E608"
    status = 422
    hint = "check the article's text and fields"


def error_body(code: str, message: str, hint: str | None) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    return {"error": {"code": code, "message": message, "hint": hint}}
