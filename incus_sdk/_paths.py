"""Building API paths: the only place a caller-supplied name enters a URL.

Every segment is percent-encoded on its own (``/`` included), so a name such
as ``../instances`` or ``a/b`` stays one segment of the endpoint it was meant
for and can never address another one.
"""

from __future__ import annotations

from urllib.parse import quote

API_VERSION = "1.0"


def escape_segment(segment: str) -> str:
    """Percent-encode one path segment, rejecting names that cannot be one.

    Args:
        segment: A resource name, fingerprint or literal path part.

    Returns:
        The encoded segment.

    Raises:
        ValueError: If the segment is not a string, is empty, or is ``.`` /
            ``..`` (which HTTP stacks collapse into a different path).
    """
    if not isinstance(segment, str):
        raise ValueError(f"path segment must be a str, not {type(segment).__name__}")
    if segment in ("", ".", ".."):
        raise ValueError(f"invalid path segment: {segment!r}")
    return quote(segment, safe="")


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
