"""Operation status codes and what they mean, without I/O."""

from __future__ import annotations

SUCCESS = 200
FAILURE = 400
CANCELLED = 401

#: Status codes after which an operation changes no more.
FINAL_CODES = frozenset({SUCCESS, FAILURE, CANCELLED})

#: The message Incus puts in an error envelope when ``/wait?timeout=N`` ran
#: out before the operation finished (the reply is still HTTP 200).
WAIT_DEADLINE_MESSAGES = ("context deadline exceeded",)


def is_final(status_code: int) -> bool:
    """Whether an operation with this status code has finished."""
    return status_code in FINAL_CODES


def is_wait_deadline(error: str) -> bool:
    """Whether a ``/wait`` error envelope only means "not finished yet"."""
    return any(marker in error for marker in WAIT_DEADLINE_MESSAGES)
