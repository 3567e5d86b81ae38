"""Drafts as messages a mail client opens: `mailto:` links, the address in `Name <address>`, and
unsent `.eml` files.

A draft becomes a message only once it can be sent as it is: a real address, no placeholder.
"""

from __future__ import annotations

import email.policy
import email.utils
import urllib.parse
from email.message import EmailMessage
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from .drafts import Draft, header_value
from .readdrafts import DraftFile
from .rules import RULES

if TYPE_CHECKING:
    from .site import Site

MAILTO_LIMIT = 1800


def mailto(draft: Draft) -> str | None:
    """A `mailto:` link that opens the draft in the user's mail client; None while the
    draft has no real address or still holds a placeholder."""
    address = email_address(draft.to)
    if address is None or not ready(draft):
        return None
    fields = {"subject": draft.subject, "body": draft.body.replace("\n", "\r\n")}
    link = mailto_link(address, fields)
    if len(link) > MAILTO_LIMIT:  # mail clients cut longer links: the text is copied instead
        link = mailto_link(address, {"subject": draft.subject})
    return link


def draft_title(found: DraftFile) -> str:
    """`Thank-you note to Jane Doe`, from the rule the draft belongs to."""
    kind = max((k for k in RULES if found.path.name.startswith(k)), key=len, default="")
    title = RULES[kind].title if kind else found.path.stem
    name, _ = parse_address(found.draft.to)
    whom = name or found.draft.to.split(" on LinkedIn")[0]
    return f"{title}: {whom}" if whom and "[[" not in whom else title


def eml_files(site: Site) -> dict[str, bytes]:
    """Each email draft as an unsent message, which mail clients open ready to send."""
    files = {}
    me = site.config.me
    for drafts in site.drafts.values():
        for found in drafts:
            address = email_address(found.draft.to)
            if address is None or found.path not in site.wanted or not ready(found.draft):
                continue
            message = EmailMessage(policy=email.policy.SMTP)
            if me.email:
                message["From"] = email.utils.formataddr((header_value(me.name),
                                                          header_value(me.email)))
            message["To"] = found.draft.to
            message["Subject"] = found.draft.subject
            message["X-Unsent"] = "1"
            message.set_content(found.draft.body + "\n")
            name = PurePosixPath("eml", site.in_journal(found.path)).with_suffix(".eml")
            files[name.as_posix()] = bytes(message)
    return files


def mailto_link(address: str, fields: dict[str, str]) -> str:
    query = urllib.parse.urlencode(fields, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(address, safe='@')}?{query}"


def ready(draft: Draft) -> bool:
    """Whether a draft can be sent as it is: no [[placeholder]] left in it."""
    return "[[" not in draft.to + draft.subject + draft.body


@lru_cache(maxsize=4096)
def parse_address(to: str) -> tuple[str, str]:
    """`("Jane Doe", "jane@x.com")` from `Jane Doe <jane@x.com>`; slow, and asked again and again
    of the same few addresses."""
    return email.utils.parseaddr(to)


def email_address(to: str) -> str | None:
    """The address in `Name <address>`, if it is a real one and not a placeholder."""
    _, address = parse_address(to)
    if "@" not in address or "[[" in to:
        return None
    return address
