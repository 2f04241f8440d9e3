"""The errors raised by incus_sdk.

Every error the SDK raises on purpose belongs to one tree::

    IncusError
    ├── IncusConnectionError            the daemon could not be reached or dropped us
    │   ├── IncusTimeoutError           no answer within the timeout
    │   │   └── ExecTimeoutError        a command ran past its timeout (and was killed)
    │   └── IncusCertificateError       the server's certificate is not the expected one
    ├── IncusAPIError                   the daemon answered with an error
    │   ├── IncusBadRequestError        400: invalid name, value or config key
    │   ├── IncusAuthenticationError    401: not authenticated
    │   ├── IncusPermissionError        403: not allowed
    │   ├── IncusNotFoundError          404: no such resource
    │   ├── IncusConflictError          409 (or a duplicate reported as 500)
    │   ├── IncusFileError              a path in an instance is of the wrong kind (also OSError)
    │   │   ├── IncusIsADirectoryError      ... a directory (also IsADirectoryError)
    │   │   ├── IncusNotADirectoryError     ... not a directory (also NotADirectoryError)
    │   │   ├── IncusFileExistsError        ... exists already (also FileExistsError)
    │   │   ├── IncusDirectoryNotEmptyError ... a directory with entries (errno ENOTEMPTY)
    │   │   └── IncusSymlinkLoopError       ... too many symlinks to follow (errno ELOOP)
    │   ├── IncusPreconditionFailedError 412: the ETag did not match
    │   ├── IncusRedirectError          3xx: a redirect, never followed
    │   └── IncusProtocolError          a reply that is not the Incus API's
    ├── IncusOperationError             a background operation failed
    │   └── IncusOperationCancelledError  ... or was cancelled
    ├── ExecError                       a command run with check=True exited non-zero
    ├── IncusExtensionMissingError      the server lacks a needed API extension
    └── IncusConfigError                the CLI configuration (config.yml, certificates) is unusable

``ValueError`` is raised instead for arguments that are plainly invalid before
anything is sent (an empty name, ``..`` as a path segment, a control
character in a name, a fingerprint that is not hex), and ``TypeError`` for
arguments of the wrong type. The stream objects follow Python's own I/O
conventions: writing to a command's stdin (or a console) that is closed,
by the program or at the other end, raises ``BrokenPipeError`` as a
subprocess's pipe would; waiting for text on a console that closes first
``EOFError``; iterating an event stream after closing it ``RuntimeError``.
``Metrics.find`` raises ``KeyError`` as a mapping does.

Whatever a server sends, the SDK raises nothing but these: a reply that does
not fit the API (wrong JSON types, a missing operation, an oversize body) is
an :class:`IncusProtocolError`, never a pydantic ``ValidationError`` or a
bare ``ValueError``.

Each error carries the server's message (``message``), the HTTP status
(``status_code``), the decoded reply (``response``) and, where known, the
request that caused it (``method``, ``url``).
"""

from __future__ import annotations

import errno
import shlex
from collections.abc import Sequence
from typing import Any, ClassVar, Protocol


class IncusError(Exception):
    """Base exception for all Incus errors.

    Attributes:
        message: The error message (the server's own where there is one).
        status_code: The HTTP status code, if a reply was received.
        response: The decoded reply body, if any.
        method: The HTTP method of the failed request, if any.
        url: The URL of the failed request, if any.
    """

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        response: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.message = message
        self.status_code = status_code
        self.response = response
        self.method = method
        self.url = url
        super().__init__(message)

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        code = f"[{self.status_code}] " if self.status_code else ""
        return f"{code}{self.message}{where}"


class IncusAPIError(IncusError):
    """The server answered a request with an error.

    ``status_code`` is the HTTP status; None only for an
    :class:`IncusProtocolError` found after the reply was taken apart, and
    for an :class:`IncusFileError` the SDK found in what a read returned.
    """


class _FixedStatusError(IncusAPIError):
    """An API error whose status code is implied by its class."""

    default_status: int = 0

    def __init__(
        self,
        message: str,
        response: Any = None,
        *,
        status_code: int | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(
            message,
            status_code if status_code is not None else self.default_status,
            response,
            method=method,
            url=url,
        )


class IncusBadRequestError(_FixedStatusError):
    """The request was invalid (HTTP 400): bad name, value or config key."""

    default_status = 400


class IncusNotFoundError(_FixedStatusError):
    """The resource does not exist (HTTP 404)."""

    default_status = 404


class IncusAuthenticationError(IncusAPIError):
    """The client is not authenticated (HTTP 401)."""

    def __init__(
        self,
        message: str,
        status_code: int = 401,
        response: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message, status_code, response, method=method, url=url)


class IncusPermissionError(_FixedStatusError):
    """The client is not allowed to do this (HTTP 403)."""

    default_status = 403


class IncusConflictError(_FixedStatusError):
    """The resource already exists or is in a conflicting state (HTTP 409).

    Incus 6.0 reports some duplicates as HTTP 500 with a database constraint
    message; those are raised as this error too.
    """

    default_status = 409


class IncusFileError(IncusAPIError, OSError):
    """A path in an instance is not of the kind the file call needs.

    Also the matching builtin :class:`OSError` (each subclass is the
    builtin of its name: ``except IsADirectoryError`` catches
    :class:`IncusIsADirectoryError`), with ``errno`` and ``filename`` set as
    the builtin's are.

    Raised where the daemon refuses a file write (Incus 6.0 answers HTTP 500
    with its ``sftp: ...`` text, kept in ``message``; ``status_code`` is
    500) and where a read finds the wrong kind of file (``status_code`` is
    None: the daemon answered, the SDK saw the kind).

    Attributes:
        filename: The path in the instance.
    """

    #: The POSIX error number of this kind of failure.
    posix_errno: ClassVar[int] = errno.EIO

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        response: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
        filename: str | None = None,
    ) -> None:
        super().__init__(message, status_code, response, method=method, url=url)
        self.errno = self.posix_errno
        self.strerror = message
        self.filename = filename


class IncusIsADirectoryError(IncusFileError, IsADirectoryError):
    """The path is a directory where a file was expected (read, pull, push onto it)."""

    posix_errno = errno.EISDIR


class IncusNotADirectoryError(IncusFileError, NotADirectoryError):
    """The path (or one of its parents) is not a directory where one was expected."""

    posix_errno = errno.ENOTDIR


class IncusFileExistsError(IncusFileError, FileExistsError):
    """Something else exists at the path already (a file where a directory or link was to be made)."""

    posix_errno = errno.EEXIST


class IncusDirectoryNotEmptyError(IncusFileError):
    """The directory still has entries (deleting it needs ``recursive=True``)."""

    posix_errno = errno.ENOTEMPTY


class IncusSymlinkLoopError(IncusFileError):
    """Following the path's symlinks did not reach a file (a loop, or too long a chain), as the kernel's ``ELOOP``."""

    posix_errno = errno.ELOOP


class IncusPreconditionFailedError(_FixedStatusError):
    """The ETag sent with ``If-Match`` no longer matches (HTTP 412).

    The resource changed since it was read; read it again and retry.
    """

    default_status = 412


class IncusRedirectError(IncusAPIError):
    """The server answered with a redirect (HTTP 3xx), which the SDK never follows.

    The Incus API never redirects. Following one would re-send the request
    (its body, and over TLS the client certificate) to wherever the reply
    points, so the request stops here instead.

    Attributes:
        location: The ``Location`` the server gave ("" if none).
    """

    def __init__(
        self,
        status_code: int,
        location: str,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.location = location
        super().__init__(
            f"the server redirected the request to {location or '(no Location)'!r} "
            f"(HTTP {status_code}); the Incus API never redirects, so it was not followed",
            status_code,
            method=method,
            url=url,
        )


class IncusProtocolError(IncusAPIError):
    """The server's reply is not what the Incus API defines.

    Raised for every malformed reply: a body that is not an envelope, an
    envelope whose fields have the wrong JSON types (``metadata`` a string
    where a list is due, a non-integer ``error_code``), an ``async`` reply
    without an operation, a body larger than the client's
    ``max_reply_size``, or metadata that does not fit the model it is read
    into. The message says what was wrong; ``method`` and ``url`` name the
    request when known.

    It is an :class:`IncusAPIError` because, like one, it is the server's
    answer to a request (with its HTTP status, if any, in ``status_code``),
    and because malformed envelopes were raised as plain ``IncusAPIError``
    before this class existed: handlers written for that keep working.
    Catch it before ``IncusAPIError`` to tell a broken server (or whatever
    sits in between) from an error the daemon reported.
    """


class IncusConnectionError(IncusError):
    """The daemon could not be reached, or the connection broke.

    Attributes:
        cause: The underlying exception, if any.
    """

    def __init__(
        self,
        message: str,
        cause: BaseException | None = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.cause = cause
        super().__init__(message, method=method, url=url)


class IncusTimeoutError(IncusConnectionError, TimeoutError):
    """No answer arrived within the timeout."""


class IncusOperationError(IncusError):
    """A background operation ended in failure.

    Attributes:
        operation_id: The operation's UUID.
    """

    def __init__(
        self,
        message: str,
        operation_id: str,
        response: Any = None,
        *,
        status_code: int | None = None,
    ) -> None:
        self.operation_id = operation_id
        super().__init__(message, status_code, response)


class IncusOperationCancelledError(IncusOperationError):
    """A background operation was cancelled before it finished."""


class IncusExtensionMissingError(IncusError):
    """The server lacks an API extension the call needs; nothing was sent.

    Attributes:
        extension: The name of the missing extension.
    """

    def __init__(self, extension: str, what: str = "this call") -> None:
        self.extension = extension
        super().__init__(f"the server does not support {what}: missing API extension {extension!r}")


class IncusCertificateError(IncusConnectionError):
    """The server's TLS certificate is not the one expected; nothing was sent to it.

    Raised when adding a remote with a trust token whose fingerprint does not
    match the certificate the server presents (the token is then not used).

    Attributes:
        expected: The SHA-256 fingerprint that was expected.
        actual: The fingerprint of the certificate the server presented.
    """

    def __init__(self, message: str, *, expected: str, actual: str, url: str | None = None) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(message, url=url)


class IncusConfigError(IncusError):
    """The ``incus`` CLI configuration is missing, malformed or incomplete.

    Raised by :mod:`incus_sdk.remotes` for a ``config.yml`` that is not
    valid YAML or has a key of the wrong type, an unknown remote, a missing
    client certificate or key, and the like.

    Attributes:
        path: The file the problem is in (or about), if any.
        key: The key in that file, if the problem is one key.
    """

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        super().__init__(message)


_BY_STATUS: dict[int, type[_FixedStatusError]] = {
    400: IncusBadRequestError,
    403: IncusPermissionError,
    404: IncusNotFoundError,
    409: IncusConflictError,
    412: IncusPreconditionFailedError,
}

# Incus 6.0 reports some duplicates as a bare 500 carrying the database's words.
_CONFLICT_MARKERS = ("UNIQUE constraint failed", "already exists")


def error_from_status(
    status_code: int,
    message: str,
    response: Any = None,
    *,
    method: str | None = None,
    url: str | None = None,
) -> IncusAPIError:
    """Map an HTTP status and server message to the matching exception.

    This is the single status-code→exception table of the SDK.

    Args:
        status_code: The status the server reported.
        message: The server's error message.
        response: The decoded reply.
        method: The request method.
        url: The request URL.

    Returns:
        An instance of the most specific :class:`IncusAPIError` subclass.
    """
    if status_code == 401:
        return IncusAuthenticationError(message, status_code, response, method=method, url=url)
    cls = _BY_STATUS.get(status_code)
    if cls is None and status_code >= 500 and any(m in message for m in _CONFLICT_MARKERS):
        cls = IncusConflictError
    if cls is None:
        return IncusAPIError(message, status_code, response, method=method, url=url)
    return cls(message, response, status_code=status_code, method=method, url=url)


class _ExecOutcome(Protocol):
    """What an exec error carries (an :class:`~incus_sdk.ExecResult`)."""

    exit_code: int | None
    command: list[str]
    error: str

    @property
    def stderr_text(self) -> str: ...


def _quoted(command: Sequence[str]) -> str:
    return " ".join(shlex.quote(str(arg)) for arg in command)


class ExecError(IncusError):
    """A command run with ``check=True`` exited with a non-zero status.

    Attributes:
        result: The :class:`~incus_sdk.ExecResult`, with the output.
    """

    def __init__(self, result: _ExecOutcome) -> None:
        self.result = result
        tail = (result.error or result.stderr_text).strip()[-500:]
        super().__init__(
            f"command {_quoted(result.command)} exited with status {result.exit_code}" + (f": {tail}" if tail else "")
        )


class ExecTimeoutError(IncusTimeoutError):
    """A command did not finish within its timeout and was killed.

    An :class:`IncusTimeoutError` (and so a :class:`TimeoutError`) like
    every other wait that ran out.

    Attributes:
        result: What the command wrote before it was stopped; ``exit_code``
            is the status it died with (e.g. ``143`` for SIGTERM, ``137``
            for SIGKILL) or ``None`` if unknown.
        timeout: The timeout, in seconds.
    """

    def __init__(self, result: _ExecOutcome, timeout: float) -> None:
        self.result = result
        self.timeout = timeout
        super().__init__(f"command {_quoted(result.command)} did not finish within {timeout}s and was killed")
