"""How deliveries are signed, and how a receiver checks them.

    X-Community-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

The timestamp is signed with the body, so a receiver can refuse replays of old deliveries
(five minutes is a good tolerance); v1 names the scheme so it can change without breaking
receivers.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Community-Signature"


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_valid(*, secret: str, header: str, body: bytes, now: int, tolerance: int = 300):
    """What a receiver does: True when ``header`` signs ``body`` and is recent enough."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, header)
