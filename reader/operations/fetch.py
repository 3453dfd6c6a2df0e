"""Importing an article from a web address: one download with a timeout and a size cap."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from reader.errors import InputError
from reader.library import Library
from reader.operations.importing import ImportReport, import_bytes, max_import_bytes

TIMEOUT_SECONDS = 20
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Reader/0.1 (article import)"


def fetch_url(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int) -> tuple[bytes, str]:
    """The bytes at `url` and the address they finally came from; InputError says what failed."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(url, "only http:// and https:// web addresses can be imported")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.5",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"the page is {int(length) / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(url, f"the page is over the {max_bytes / 2**20:.0f} MB limit")
            return data, response.geturl()
    except urllib.error.HTTPError as e:
        raise InputError(url, f"the site answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise InputError(url, f"no answer within {timeout:.0f} seconds") from None
        raise InputError(url, f"cannot reach the site ({reason})") from None
    except (socket.timeout, TimeoutError):
        raise InputError(url, f"no answer within {timeout:.0f} seconds") from None
    except (OSError, ValueError) as e:
        raise InputError(url, f"download failed ({e})") from None


def import_url(library: Library, url: str, *, timeout: float = TIMEOUT_SECONDS, tags=()) -> ImportReport:
    """Download a page and import it through the same path as a saved file."""
    report = ImportReport()
    try:
        data, final = fetch_url(url, timeout=timeout, max_bytes=max_import_bytes(library))
    except InputError as e:
        report.failed.append((e.name, e.problem))
        return report
    return import_bytes(library, data, final, tags=tags, report=report, url=final)
