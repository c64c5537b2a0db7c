"""A virus scan by ClamAV's daemon (clamd), over its INSTREAM command, before a file is stored.

The protocol is small (clamd(8)): "zINSTREAM\\0", then the file in chunks each preceded by its
length as four bytes in network order, then a zero length; clamd answers "stream: OK\\0" or
"stream: <signature> FOUND\\0" (or "… ERROR\\0"). It is written out here rather than taken from
a client library: the maintained ones send with `socket.send` without checking that every byte
went, and connect without a time limit; this one uses `sendall` and one timeout throughout.

Scanning is on when CLAMD_SOCKET (a Unix socket) or CLAMD_HOST (with CLAMD_PORT) is set. It
fails closed: when clamd cannot be reached or answers an error, the file is refused, not stored
unscanned.
"""

from __future__ import annotations

import contextlib
import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024


class ScanFailed(Exception):
    """clamd could not be reached, or did not give a verdict."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""


def scanning_enabled() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def _connect() -> socket.socket:
    timeout = settings.CLAMD_TIMEOUT
    if settings.CLAMD_SOCKET:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(settings.CLAMD_SOCKET)
        except OSError:
            sock.close()
            raise
        return sock
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=timeout)


def _send_stream(sock: socket.socket, chunks: Iterable[bytes]) -> None:
    sock.sendall(b"zINSTREAM\0")
    for chunk in chunks:
        for start in range(0, len(chunk), CHUNK):
            part = chunk[start : start + CHUNK]
            sock.sendall(struct.pack("!L", len(part)) + part)
    sock.sendall(struct.pack("!L", 0))


def scan_chunks(chunks: Iterable[bytes]) -> Verdict:
    """Send the bytes to clamd and read its verdict; ScanFailed when there is none."""
    try:
        with _connect() as sock:
            # clamd stops reading a stream over its StreamMaxLength: its answer says why
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                _send_stream(sock, chunks)
            answer = b""
            while not answer.endswith(b"\0"):
                received = sock.recv(4096)
                if not received:
                    break
                answer += received
    except OSError as exc:  # refused, no such socket, timed out
        raise ScanFailed(f"clamd: {exc}") from exc
    text = answer.rstrip(b"\0").decode("utf-8", "replace").strip()
    if text.endswith(" FOUND"):
        signature = text.removeprefix("stream:").removesuffix(" FOUND").strip()
        return Verdict(clean=False, signature=signature)
    if text == "stream: OK":
        return Verdict(clean=True)
    raise ScanFailed(f"clamd answered {text!r}")


def ping() -> bool:
    """Whether clamd answers (for the health of a deployment and for the tests)."""
    try:
        with _connect() as sock:
            sock.sendall(b"zPING\0")
            return sock.recv(16).rstrip(b"\0") == b"PONG"
    except OSError:
        return False
