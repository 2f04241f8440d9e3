"""Building API paths: the only place a caller-supplied name enters a URL.

Every segment is percent-encoded on its own (``/`` included), so a name such
as ``../instances`` or ``a/b`` stays one segment of the endpoint it was meant
for and can never address another one.

Names the daemon would read as something else are refused here, with
``ValueError``, before anything is sent (measured on Incus 6.0.4; see the
docs' Security page):

* a NUL byte: the daemon's database stops reading at it, so
  ``profiles.delete("victim\\x00x")`` would delete ``victim``;
* any other control character (``unicodedata`` category ``Cc``: C0, DEL,
  C1): not misread, but invisible in listings, logs and terminals, so a
  name holding one is refused too;
* ``""``, ``.`` and ``..``: HTTP stacks collapse them into another path;
* for fingerprints, anything but hex digits: the daemon matches them as a
  SQL ``LIKE`` prefix, where ``%`` and ``_`` are wildcards;
* for instance snapshots, ``%`` and ``+``: the daemon decodes those
  names a second time (``url.QueryUnescape``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

API_VERSION = "1.0"

#: Unicode category Cc: C0 controls (NUL included), DEL and C1 controls.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: A fingerprint or a prefix of one: SHA-256 hex digits.
_FINGERPRINT = re.compile("[0-9a-fA-F]{1,64}")
#: What the daemon decodes a second time in an instance snapshot's name.
_SNAPSHOT_DECODED_TWICE = ("%", "+")


def check_name(value: str, what: str = "name") -> str:
    """Refuse a name the daemon would read as another one, or show ambiguously.

    Args:
        value: A name about to be sent in a path or a query string.
        what: What it names, for the message.

    Returns:
        ``value``, unchanged.

    Raises:
        ValueError: If it is not a non-empty ``str``, holds a control
            character (NUL included) or a lone surrogate (not UTF-8).
    """
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a str, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{what} must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} {value!r} is not valid Unicode text (a lone surrogate)") from None
    bad = _CONTROL.search(value)
    if bad:
        why = (
            "the daemon cuts names at NUL and would act on another object"
            if bad.group() == "\x00"
            else "names with control characters are not sent"
        )
        raise ValueError(f"{what} {value!r} contains the control character {bad.group()!r}: {why}")
    return value


def check_scope(value: str | None, what: str = "project") -> str | None:
    """Validate a project or target name (``None`` means the server's default).

    An empty name is refused rather than sent: the daemon reads
    ``?project=`` as the default project, which is what ``None`` says.

    Args:
        value: The project or cluster member (``@group``) name, or None.
        what: ``"project"`` or ``"target"``, for the message.

    Returns:
        ``value``, unchanged.

    Raises:
        ValueError: For ``""``, a non-string, or a control character.
    """
    if value is None:
        return None
    if value == "":
        raise ValueError(f"{what} must not be empty: pass None for the server's default")
    return check_name(value, what)


def check_fingerprint(value: str, what: str = "fingerprint") -> str:
    """Validate an image or certificate fingerprint, or a prefix of one.

    The daemon looks fingerprints up with a SQL ``LIKE 'value%'``: ``%``
    and ``_`` would be wildcards there (``certificates.delete("%")`` would
    delete the first certificate), and ``images.get("aliases")`` would read
    the alias collection. Only hex digits are sent.

    Args:
        value: 1 to 64 hex digits.
        what: What it is, for the message.

    Returns:
        ``value``, unchanged.

    Raises:
        ValueError: If it is not 1 to 64 hex digits.
    """
    if not isinstance(value, str) or not _FINGERPRINT.fullmatch(value):
        raise ValueError(f"{what} must be 1 to 64 hex digits (a fingerprint or a prefix of one), not {value!r}")
    return value


def check_snapshot_name(value: str) -> str:
    """Validate an instance snapshot's name for ``/1.0/instances/{name}/snapshots/{snapshot}``.

    Incus (6.0.4, and its main branch in 2026) decodes that path segment a
    second time with Go's ``url.QueryUnescape``, so ``%41`` would reach a
    snapshot named ``A`` and ``+`` one with a space. Encoding twice would
    reach the right snapshot only while the daemon keeps doing so; names
    without ``%`` and ``+`` reach the same snapshot either way, so those
    two characters are refused instead.

    Args:
        value: The snapshot's name.

    Returns:
        ``value``, unchanged.

    Raises:
        ValueError: If the name is invalid as a path segment or holds ``%`` or ``+``.
    """
    check_segment(value)
    for char in _SNAPSHOT_DECODED_TWICE:
        if char in value:
            raise ValueError(
                f"instance snapshot name {value!r} contains {char!r}: the daemon decodes snapshot names "
                "in URLs twice, so the request would reach another snapshot"
            )
    return value


def check_segment(segment: str) -> str:
    """Refuse what cannot be one path segment; return it unchanged.

    Raises:
        ValueError: See :func:`escape_segment`.
    """
    check_name(segment, "path segment")
    if segment in (".", ".."):
        raise ValueError(f"invalid path segment: {segment!r}")
    return segment


def escape_segment(segment: str) -> str:
    """Percent-encode one path segment, rejecting names that cannot be one.

    Args:
        segment: A resource name, fingerprint or literal path part.

    Returns:
        The encoded segment.

    Raises:
        ValueError: If the segment is not a string, is empty, is ``.`` /
            ``..`` (which HTTP stacks collapse into a different path), or
            holds a control character (the daemon cuts names at NUL).
    """
    return quote(check_segment(segment), safe="")


def instance_snapshot_path(instance: str, snapshot: str, *more: str) -> str:
    """Return ``/1.0/instances/{instance}/snapshots/{snapshot}[/...]``.

    The snapshot's name goes through :func:`check_snapshot_name`: the
    daemon decodes that segment twice.

    Raises:
        ValueError: For an invalid name, or a snapshot name holding ``%`` or ``+``.
    """
    return api_path("instances", instance, "snapshots", check_snapshot_name(snapshot), *more)


def api_path(*segments: str) -> str:
    """Return ``/1.0/<seg>/<seg>...`` with each segment escaped.

    Args:
        *segments: Path segments after the API version, e.g.
            ``api_path("projects", name, "state")``.

    Returns:
        The absolute request path.

    Raises:
        ValueError: If any segment is invalid (see :func:`escape_segment`).
    """
    if not segments:
        return "/" + API_VERSION
    return "/" + API_VERSION + "/" + "/".join(escape_segment(s) for s in segments)
