"""One small error hierarchy with stable codes.

    EventscopeError
    ├── InputError        an input that cannot become an article (has a `code`)
    ├── DataFileError     a knowledge file in eventscope/data is missing or malformed
    └── StoreError        the database cannot be opened or written

The library raises these; only the CLI turns them into exit codes. The same
codes fill the failed-inputs table, so a user can search for them.
"""

from __future__ import annotations

#: Stable reason codes for inputs that fail, with the advice shown to users.
REASONS: dict[str, str] = {
    "empty_text": "the input holds no article text; check the file or the JSONL 'text' field",
    "binary": "the input looks binary, not text or HTML; pass .txt, .html or .jsonl files",
    "bad_encoding": "the bytes are not UTF-8, UTF-16 or a known 8-bit encoding; re-save it as UTF-8",
    "too_large": "the input is larger than the size limit; split it or raise --max-bytes",
    "bad_html": "no article text could be extracted from the HTML",
    "bad_json": "a JSONL line is not a JSON object; fix or remove that line",
    "missing_text": "a JSONL line has neither 'text' nor 'html'",
    "unreadable": "the file could not be read",
    "not_found": "no such file or directory",
    "unsupported_language": "the article is not in a supported language (English)",
    "extract_failed": "extraction raised an unexpected error; please report it with the input",
    "not_regular": "the input is a FIFO, device or socket, not a regular file; copy the article into a file",
    "outside_inputs": ("the path leads outside the input folder (a symlink, or a sidecar 'file' with an "
                       "absolute or ../ path); copy the file in, or pass --follow-links for symlinks"),
    "too_deep": "a JSONL line nests JSON deeper than the limit; flatten that line",
    "bad_field": "a JSONL field has the wrong type or is too long ('text' must be a string); fix that field",
    "timeout": "extraction took longer than --max-seconds-per-article; split the article or raise the limit",
    "worker_died": ("a worker process stops when it is killed, runs out of memory or crashes in native "
                    "code; re-run to retry the article, or use --workers 1 to see an error"),
    "store_failed": "the article could not be written to the store; please report it with the input",
}


class EventscopeError(Exception):
    """Base of every error eventscope raises on purpose."""


class InputError(EventscopeError):
    def __init__(self, code: str, detail: str = "") -> None:
        if code not in REASONS:
            raise ValueError(f"unknown input error code {code!r}")
        self.code = code
        self.detail = detail
        message = REASONS[code]
        super().__init__(f"{code}: {detail + ' — ' if detail else ''}{message}")


class DataFileError(EventscopeError):
    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


class StoreError(EventscopeError):
    pass
