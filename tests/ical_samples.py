"""Small iCalendar texts the tests feed to the availability importer."""


def busy_ics(start: str, end: str, title: str) -> bytes:
    """One busy event from ``start`` to ``end`` (local times like 20261203T090000, Asia/Shanghai)."""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:busy-1\r\n"
            "DTSTAMP:20261101T000000Z\r\n"
            f"DTSTART;TZID=Asia/Shanghai:{start}\r\nDTEND;TZID=Asia/Shanghai:{end}\r\nSUMMARY:{title}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
