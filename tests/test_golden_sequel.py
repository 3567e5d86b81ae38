"""The end of the sample's search, against checked-in expected files.

The sample journal stops on 2026-11-21, in the middle of a search. Its sequel, the notes in
`tests/golden/sample-sequel/`, is what Ana writes after that day: the Cordoaria onsite held
(its note edited, as she would), their offer, and her acceptance on Friday 4 December. Built
as of Monday 7 December, the dashboard says the search is over; every other application still
open gets one withdrawal, the offer still asks for its thank-you, and Rita, who referred Ana
to Cordoaria, and Kofi, her reference, get their thanks. A chosen set of the
files (the dashboard, two withdrawn applications' pages, the drafts of the end, `fj agenda
--json`, and the names of all the drafts) is compared with `tests/golden/sample-sequel-site/`.

When a change to them is intended, regenerate the expected files and review the diff:

    FJ_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_sequel.py
    git diff tests/golden/
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, SAMPLE, run_fj
from test_golden import assert_as_expected

SEQUEL = REPO / "tests" / "golden" / "sample-sequel"
GOLDEN = REPO / "tests" / "golden" / "sample-sequel-site"
TODAY = "2026-12-07"
ONSITE = "notes/2026-11-26-cordoaria-digital-staff-engineer-payments-onsite.md"
# What Ana changes in the onsite's note once it is held: its status, the thank-yous and
# invitations she sent that evening, and the diagram she brought along.
ONSITE_EDITS = (
    ("status: scheduled", "status: waiting"),
    ("    to: João Gonçalves\nevents:", "    to: João Gonçalves\n    sent: 2026-11-26\nevents:"),
    ("events:", "followups:\n  - kind: thank-you\n    date: 2026-11-26 20:30\n"
                "  - kind: linkedin\n    date: 2026-11-27\nevents:"),
)
CHOSEN = (
    "index.html",
    "applications/muller-sohne-logistik-senior-backend-engineer.html",
    "applications/havbris-marine-backend-engineer-vessel-telemetry.html",
)
DRAFTS = (
    "2026-10-06-lumo-robotics-backend-engineer-screen.drafts/withdrawal.md",
    "2026-11-03-tidewater-health-senior-software-engineer-integrations-hiring-manager.drafts/"
    "withdrawal.md",
    "2026-11-12-muller-sohne-logistik-senior-backend-engineer-final.drafts/withdrawal.md",
    "2026-11-18-hoshizora-software-site-reliability-engineer-technical.drafts/withdrawal.md",
    "2026-12-02-havbris-marine-backend-engineer-vessel-telemetry-screen.drafts/withdrawal.md",
    "2026-12-01-cordoaria-digital-staff-engineer-payments-offer.drafts/offer-thanks.md",
    "2026-12-04-cordoaria-digital-staff-engineer-payments-accepted.drafts/"
    "reference-thanks-rita-almeida.md",
    "2026-12-04-cordoaria-digital-staff-engineer-payments-accepted.drafts/"
    "reference-thanks-kofi-mensah.md",
)


def the_sequel(root: Path) -> Path:
    """A copy of the sample journal as Ana keeps it (drafts included, no report), with the
    notes she wrote after 2026-11-21 and her edit of the onsite's note."""
    journal = root / "journal"
    shutil.copytree(SAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    for note in sorted((SEQUEL / "notes").iterdir()):
        shutil.copy(note, journal / "notes" / note.name)
    onsite = journal / ONSITE
    text = onsite.read_text("utf-8")
    for old, new in ONSITE_EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    onsite.write_text(text, "utf-8")
    return journal


def chosen_files(journal: Path, site: Path, agenda: str) -> dict[str, bytes]:
    found = {name: (site / name).read_bytes() for name in CHOSEN}
    found.update({f"notes/{name}": (journal / "notes" / name).read_bytes() for name in DRAFTS})
    found["agenda.json"] = agenda.encode("utf-8")
    drafts = sorted(p.relative_to(journal).as_posix() for p in journal.glob("notes/*.drafts/*"))
    found["drafts.txt"] = "".join(f"{name}\n" for name in drafts).encode("utf-8")
    return found


def test_the_end_of_the_sample_search_matches_the_expected_files(tmp_path):
    journal = the_sequel(tmp_path)
    site = tmp_path / "site"
    result = run_fj("build", str(journal), "--out", str(site), "--today", TODAY)
    assert result.exit_code == 0, result.output
    agenda = run_fj("agenda", str(journal), "--json", "--today", TODAY)
    assert agenda.exit_code == 0, agenda.output
    built = chosen_files(journal, site, agenda.output)
    assert_as_expected(built, GOLDEN)

