"""A real SMTP server on loopback for the mail tests (aiosmtpd), used through the
`smtp_server` fixture in tests/conftest.py.

The site sends through Django's own SMTP backend, as in production, so a test sees what a
mail server would: the envelope, the raw message with every header, each MIME part and
attachment. The server can also refuse (a 4xx or 5xx answer) or stall past the client's
timeout, for the paths that must survive a bad day at the mail server.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    """One mail as the server took it: who the envelope was from and to, and the message
    parsed with the modern e-mail policy (`get_body`, `iter_attachments`)."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage = field(repr=False)

    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    def html(self) -> str | None:
        part = self.message.get_body(("html",))
        return part.get_content() if part is not None else None

    def attachments(self) -> list[EmailMessage]:
        return list(self.message.iter_attachments())


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):  # aiosmtpd calls it by this name
        with self.server._lock:
            stall, answer = self.server._next_trouble()
        if stall:
            await asyncio.sleep(stall)
        if answer:
            return answer
        raw = envelope.original_content or envelope.content
        received = Received(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            raw=raw,
            message=message_from_bytes(raw, policy=policy.default),
        )
        with self.server._lock:
            self.server.received.append(received)
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd in a thread of its own, on 127.0.0.1 and a free port."""

    def __init__(self):
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._trouble: list[tuple[float, str | None]] = []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.host = "127.0.0.1"
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    # What the next messages meet. Each call queues trouble for one more message, in order;
    # messages after the queued ones are accepted.
    def refuse(self, answer: str = "451 4.3.0 Try again later", times: int = 1) -> None:
        with self._lock:
            self._trouble.extend([(0.0, answer)] * times)

    def stall(self, seconds: float, times: int = 1) -> None:
        """Answer nothing for `seconds`: longer than the client's EMAIL_TIMEOUT, it is a
        mail server that times out."""
        with self._lock:
            self._trouble.extend([(seconds, "451 4.4.2 Timed out")] * times)

    def _next_trouble(self) -> tuple[float, str | None]:
        return self._trouble.pop(0) if self._trouble else (0.0, None)

    def to(self, address: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if address in r.rcpt_tos]

    def clear(self) -> None:
        with self._lock:
            self.received.clear()
