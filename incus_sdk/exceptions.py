"""The errors raised by incus_sdk.

Every error the SDK raises on purpose belongs to one tree::

    IncusError
    ├── IncusConnectionError            the daemon could not be reached or dropped us
    │   └── IncusTimeoutError           no answer within the timeout
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
    │   │   └── IncusDirectoryNotEmptyError ... a directory with entries (errno ENOTEMPTY)
    │   └── IncusPreconditionFailedError 412: the ETag did not match
    ├── IncusOperationError             a background operation failed
    │   └── IncusOperationCancelledError  ... or was cancelled
    └── IncusExtensionMissingError      the server lacks a needed API extension

``ValueError`` is raised instead for arguments that are plainly invalid before
anything is sent (an empty name, ``..`` as a path segment).

Each error carries the server's message (``message``), the HTTP status
(``status_code``), the decoded reply (``response``) and, where known, the
request that caused it (``method``, ``url``).
"""

from __future__ import annotations

import errno
from typing import Any, ClassVar


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
    """The server answered a request with an error."""

    def __init__(
        self,
        message: str,
        status_code: int,
        response: Any = None,
        *,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message, status_code, response, method=method, url=url)


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
        IncusError.__init__(self, message, status_code, response, method=method, url=url)
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


class IncusPreconditionFailedError(_FixedStatusError):
    """The ETag sent with ``If-Match`` no longer matches (HTTP 412).

    The resource changed since it was read; read it again and retry.
    """

    default_status = 412


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
