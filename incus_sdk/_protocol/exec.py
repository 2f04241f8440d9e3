"""The exec websocket protocol, without I/O.

``POST /1.0/instances/{name}/exec`` with ``wait-for-websocket`` answers with
an operation whose metadata lists one secret per websocket (``fds``):

* non-interactive: ``"0"`` stdin, ``"1"`` stdout, ``"2"`` stderr and
  ``"control"``;
* interactive: ``"0"`` (the pty, both directions) and ``"control"``.

Framing, as the daemon's ``shared/ws`` wrapper speaks it:

* data travels in **binary** messages;
* a **text** message (the daemon sends an empty one) is a *barrier*: the end
  of that direction of the stream. The client closes stdin the same way,
  with an empty text message; an empty *binary* message is just no data;
* after the command ends the daemon closes the TCP connections without a
  close frame, so a closed/errored socket after the barrier is the normal end;
* on the control socket, JSON text messages carry signals and window sizes;
  closing the control socket while the command runs makes the daemon kill it
  with ``SIGKILL``;
* the exit status appears as ``metadata["return"]`` of the finished operation.
"""

from __future__ import annotations

import json
import signal as _signal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from ..exceptions import ExecError

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: Name of the control channel in the operation's ``fds``.
CONTROL = "control"
STDIN = "0"
STDOUT = "1"
STDERR = "2"

#: The message that ends a stream direction (an empty text frame).
BARRIER = ""

#: Failures to start a command, as the exec operation reports them, and the
#: exit codes a shell (and the ``incus`` CLI) gives them.
START_FAILURES = {"Command not found": 127, "Command not executable": 126}


def start_failure_code(error: str) -> int | None:
    """The shell-style exit code for an exec operation that could not start its command."""
    return START_FAILURES.get(error.strip())


class ExecOptions(TypedDict, total=False):
    """How a command runs, as the exec body carries it (each key optional).

    The options :meth:`~incus_sdk.api.instances.InstancesAPI.spawn` passes on
    as they are; :func:`exec_body` takes them as keywords.

    Attributes:
        environment: Extra environment variables.
        cwd: Working directory.
        user: UID to run as.
        group: GID to run as.
        interactive: Run on a pty instead of three pipes.
        width: Terminal width (interactive).
        height: Terminal height (interactive).
    """

    environment: Mapping[str, str] | None
    cwd: str | None
    user: int | None
    group: int | None
    interactive: bool
    width: int | None
    height: int | None


def exec_body(
    command: Sequence[str],
    *,
    wait_for_websocket: bool = False,
    record_output: bool = False,
    **options: Unpack[ExecOptions],
) -> dict[str, Any]:
    """Build the ``InstanceExecPost`` body, checking what the server would refuse.

    Args:
        command: The command and its arguments (not a shell string).
        wait_for_websocket: Wait for the client's websockets before starting.
        record_output: Record stdout/stderr to log files on the server.
        **options: How the command runs (:class:`ExecOptions`); None or
            left out, the server's default.

    Returns:
        The JSON body.

    Raises:
        ValueError: For an empty or string command, or option combinations
            the server rejects (``record_output`` with ``wait_for_websocket``
            or ``interactive``).
    """
    if isinstance(command, (str, bytes)):
        raise ValueError("command must be a list of arguments, e.g. ['sh', '-c', 'echo hi'], not a string")
    if not command:
        raise ValueError("command must not be empty")
    interactive = options.get("interactive", False)
    if record_output and (wait_for_websocket or interactive):
        raise ValueError("record_output cannot be combined with wait_for_websocket or interactive")
    body: dict[str, Any] = {
        "command": [str(arg) for arg in command],
        "wait-for-websocket": wait_for_websocket,
        "record-output": record_output,
        "interactive": interactive,
    }
    environment = options.get("environment")
    if environment is not None:
        body["environment"] = {str(k): str(v) for k, v in environment.items()}
    numbers = (
        ("width", options.get("width")),
        ("height", options.get("height")),
        ("user", options.get("user")),
        ("group", options.get("group")),
    )
    for key, value in numbers:
        if value is not None:
            if value < 0:
                raise ValueError(f"{key} must not be negative")
            body[key] = int(value)
    cwd = options.get("cwd")
    if cwd is not None:
        body["cwd"] = cwd
    return body


def signal_number(sig: int | str | _signal.Signals) -> int:
    """Return a signal's number from a number, a ``signal.Signals`` or a name.

    ``"TERM"``, ``"SIGTERM"``, ``15`` and ``signal.SIGTERM`` all give 15.

    Raises:
        ValueError: For an unknown name or a number out of range.
    """
    if isinstance(sig, str):
        name = sig.upper()
        if not name.startswith("SIG"):
            name = "SIG" + name
        try:
            return int(_signal.Signals[name])
        except KeyError:
            raise ValueError(f"unknown signal {sig!r}") from None
    number = int(sig)
    if not 1 <= number <= 64:
        raise ValueError(f"signal number out of range: {number}")
    return number


def signal_message(sig: int | str | _signal.Signals) -> str:
    """The control message that delivers a signal to the command."""
    return json.dumps({"command": "signal", "signal": signal_number(sig)})


def window_resize_message(width: int, height: int) -> str:
    """The control message that resizes the command's pty (interactive only).

    The daemon expects the sizes as decimal strings.
    """
    if width <= 0 or height <= 0:
        raise ValueError("width and height must be positive")
    return json.dumps({"command": "window-resize", "args": {"width": str(int(width)), "height": str(int(height))}})


#: What an exec operation's error says when its websockets did not all
#: connect in time (the command was then never started).
ATTACH_TIMEOUT_MESSAGE = "Timed out waiting for websockets to connect"


def command_may_have_run(operation_error: str) -> bool:
    """Whether a wait-for-websocket exec that failed to attach may have started its command.

    Only the daemon's "timed out waiting for websockets" failure proves it did
    not; anything else (or no error yet) is treated as "may have run".
    """
    return ATTACH_TIMEOUT_MESSAGE not in operation_error


def exec_fds(metadata: Mapping[str, Any] | None, *, interactive: bool) -> dict[str, str]:
    """Return the websocket secrets of an exec operation, checked.

    Args:
        metadata: The operation's metadata.
        interactive: Whether the exec is interactive.

    Returns:
        Channel name -> secret.

    Raises:
        ValueError: If the metadata lacks a needed channel (the server did
            not start a websocket exec).
    """
    fds = dict((metadata or {}).get("fds") or {})
    needed = (STDIN, CONTROL) if interactive else (STDIN, STDOUT, STDERR, CONTROL)
    missing = [fd for fd in needed if not fds.get(fd)]
    if missing:
        raise ValueError(f"exec operation has no websocket secret for {missing}")
    return {str(k): str(v) for k, v in fds.items()}


def exit_code(metadata: Mapping[str, Any] | None) -> int | None:
    """The command's exit status from a finished exec operation, if known."""
    value = (metadata or {}).get("return")
    if value is None:
        return None
    return int(value)


def shell_quote_command(command: Sequence[str]) -> str:
    """Render a command for messages (not for execution)."""
    import shlex

    return " ".join(shlex.quote(str(arg)) for arg in command)


@dataclass
class ExecResult:
    """What a command run to completion produced.

    Attributes:
        exit_code: Its exit status (``127``: command not found; ``128+N``:
            killed by signal N). ``None`` only for a timed-out command whose
            status the daemon did not report.
        stdout: Everything it wrote to stdout.
        stderr: Everything it wrote to stderr (empty for interactive runs,
            where both go to ``stdout``).
        command: The command that ran.
        operation_id: The server's operation id.
        error: The daemon's message when it could not start the command
            (``Command not found`` with exit code 127, ``Command not
            executable`` with 126); empty otherwise.
    """

    exit_code: int | None
    stdout: bytes = b""
    stderr: bytes = b""
    command: list[str] = field(default_factory=list)
    operation_id: str = ""
    error: str = ""

    @property
    def returncode(self) -> int | None:
        """Alias of :attr:`exit_code`, as :mod:`subprocess` names it."""
        return self.exit_code

    @property
    def ok(self) -> bool:
        """Whether the command exited with status 0."""
        return self.exit_code == 0

    @property
    def stdout_text(self) -> str:
        """stdout decoded as UTF-8 (undecodable bytes replaced)."""
        return self.stdout.decode("utf-8", "replace")

    @property
    def stderr_text(self) -> str:
        """stderr decoded as UTF-8 (undecodable bytes replaced)."""
        return self.stderr.decode("utf-8", "replace")

    def check(self) -> ExecResult:
        """Raise :class:`~incus_sdk.ExecError` unless the command exited with 0; return self."""
        if self.exit_code != 0:
            raise ExecError(self)
        return self


__all__ = [
    "ExecOptions",
    "ExecResult",
    "ATTACH_TIMEOUT_MESSAGE",
    "BARRIER",
    "CONTROL",
    "START_FAILURES",
    "STDERR",
    "STDIN",
    "STDOUT",
    "command_may_have_run",
    "exec_body",
    "exec_fds",
    "exit_code",
    "shell_quote_command",
    "signal_message",
    "signal_number",
    "start_failure_code",
    "window_resize_message",
]
