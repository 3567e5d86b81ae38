"""Which names a request may call this computer by, for `fj serve`'s check of the `Host`
header against DNS rebinding: a web page elsewhere, its name made to point here, must not read
the notes."""

from __future__ import annotations

import functools
import ipaddress
import socket
import urllib.parse
from collections.abc import Set


def names_this_computer(name: str, allowed: Set[str]) -> bool:
    """Whether `name` (as `host_name` gives it) is this computer: `localhost` or a name under
    it, an address (rebinding needs a name), a name the system gives this computer, or one of
    the `allowed` names."""
    return (name in allowed or name == "localhost" or name.endswith(".localhost")
            or _is_address(name) or name in _this_computers_names())


def host_name(host: str) -> str | None:
    """The computer a `Host` (or `--allow-host`) names: `Name.`, `name:8000` and `[::1]:8000`
    give `name` and `::1`. None for what is not a name at all (`[evil`)."""
    try:
        name = urllib.parse.urlsplit(f"//{host}").hostname
    except ValueError:
        return None
    return name.rstrip(".") if name else None


@functools.cache
def _this_computers_names() -> frozenset[str]:
    """This computer's name, its full name and its other names, as the system knows them.
    Looked up once, when a request names neither `localhost` nor an address."""
    name = socket.gethostname()
    try:
        names = {name, socket.getfqdn(name), *socket.gethostbyname_ex(name)[1]}
    except OSError:  # a name the system cannot look up: still the name
        names = {name}
    return frozenset(name.lower().rstrip(".") for name in names if name)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
