"""One exception tree for dateline; every error has a code and says what to do.

::

    DatelineError (code, message, hint)
    ├── InputError          an input file or record cannot be read        E1xx
    │   ├── EmptyInput          E101  the file has no text
    │   ├── BinaryInput         E102  the file is binary (NUL bytes, control characters)
    │   ├── UndecodableInput    E103  the bytes are not text in any supported encoding
    │   ├── InputTooLarge       E104  more than the size limit of text
    │   ├── UnknownFormat       E105  the format cannot be told from name or content
    │   ├── BadRecord           E106  a JSONL line or record is malformed
    │   ├── MissingInput        E107  the path does not exist or cannot be opened
    │   └── BadShard            E108  a Parquet shard is damaged or not a dateline shard (``dateline load``)
    ├── ConfigError         a setting is invalid                           E2xx
    ├── PipelineError       a stage plan cannot run                       E3xx
    │   ├── ModelNotFound       E301  the spaCy pipeline is not installed
    │   ├── StageMissing        E302  a stage needs a layer no earlier stage produces
    │   └── EngineError         E304  the process pool or Dask cluster cannot run the batches
    ├── StoreError          the database cannot be used                    E4xx
    │   └── RecordNotFound      E402  no stored record has the id asked for
    ├── DataMissing         a gold set, gazetteer or other data file is absent  E5xx
    └── ApiError            an HTTP request cannot be answered (dateline.api.errors)  E6xx
        ├── BadParameter        E601  a query or path parameter is invalid (the message names it)
        ├── NotFound            E602  no record or page with that id
        ├── Unauthorized        E603  POST without the DATELINE_TOKEN bearer token
        ├── ReadOnly            E604  the server was started read-only
        ├── PayloadTooLarge     E605  the posted article is over the size limit
        ├── UnsupportedMedia    E606  the body is of a content type the route does not take
        ├── MethodNotAllowed    E607  the route does not take that method
        └── ArticleRejected     E608  the posted article could not be read (the input error's reason)

A stage that raises on one article is recorded as skipped with E303 (pipeline.runner.StageFailure).
"""

from __future__ import annotations


class DatelineError(Exception):
    code = "E000"
    hint = ""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.path = path
        if hint is not None:
            self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"[{self.code}] {where}{self.message}{hint}"

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "message": self.message, "hint": self.hint or None}

    def __reduce__(self) -> tuple[type[DatelineError], tuple[str], dict[str, object]]:
        """Pickled as its parts, so an error raised in a worker process reads the same in the driver
        (the default would rebuild it from ``str(self)`` and repeat the code and hint)."""
        return type(self), (self.message,), dict(self.__dict__)


class InputError(DatelineError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"
    hint = "the file holds no article text"


class BinaryInput(InputError):
    code = "E102"
    hint = "give a text, HTML, JSONL or gzip file"


class UndecodableInput(InputError):
    code = "E103"
    hint = "save the file as UTF-8"


class InputTooLarge(InputError):
    code = "E104"
    hint = "split the file; the limit is set by max_text_bytes"


class UnknownFormat(InputError):
    code = "E105"
    hint = "use .txt, .html, .jsonl or .gz, or pass --format"


class BadRecord(InputError):
    code = "E106"
    hint = "each JSONL line must be an object with a non-empty 'text'"


class MissingInput(InputError):
    code = "E107"
    hint = "check the path"


class BadShard(InputError):
    code = "E108"
    hint = "write it again with `dateline ingest ... --shards DIR`; the other shards still load"


class ConfigError(DatelineError):
    code = "E201"
    hint = "see defaults.toml for the settings and their types"


class PipelineError(DatelineError):
    code = "E300"


class ModelNotFound(PipelineError):
    code = "E301"
    hint = "install it (make install) or name another installed pipeline with --model"


class StageMissing(PipelineError):
    code = "E302"
    hint = "add the stage that produces it earlier in `stages`"


class EngineError(PipelineError):
    code = "E304"
    hint = "check --engine, --workers and --scheduler (a Dask scheduler address such as tcp://host:8786)"


class StoreError(DatelineError):
    code = "E401"
    hint = "check the --db path or URL"


class RecordNotFound(StoreError):
    code = "E402"
    hint = "ids are printed by `dateline export` and shown in records; check the --db too"


class DataMissing(DatelineError):
    code = "E501"
    hint = "pass the path to the data, or build it (see README)"
