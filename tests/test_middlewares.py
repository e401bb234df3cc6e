from datetime import UTC, datetime

from portalcrawler.middlewares import retry_after_seconds


def test_retry_after_in_seconds_or_as_a_date():
    now = datetime(2026, 11, 28, 3, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"30", now) == 30
    assert retry_after_seconds(b"Sat, 28 Nov 2026 03:01:00 GMT", now) == 60
    assert retry_after_seconds(b"Sat, 28 Nov 2026 02:00:00 GMT", now) == 0  # in the past
    assert retry_after_seconds(b"soon", now) is None
    assert retry_after_seconds(None, now) is None
