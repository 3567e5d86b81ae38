"""Write a synthetic journal of N notes, the same for the same seed: `generate.py N FOLDER`.

Realistic shapes: several rounds per application, one to three interviewers, highlights,
follow-ups, events, some reflections, and a Markdown body of a few paragraphs.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

COMPANIES = ["Acme Robotics", "Müller & Söhne", "Société Lumière", "Fjordlys", "Tidewater",
             "Hoshizora", "Cordoaria", "Havbris", "Brisa", "Bursztyn Labs", "Nordlicht",
             "Aurora Health", "Kestrel Data", "Lumen Freight", "Orchid Pay"]
ROLES = ["Backend Engineer", "Data Engineer", "SRE", "Platform Engineer", "Staff Engineer"]
FIRST = ["Ana", "João", "Zoë", "Søren", "Małgorzata", "Minh Anh", "Kenji", "Inès", "Rachel",
         "Daniel", "Priya", "Omar", "Lena", "Tobias", "Chloé"]
LAST = ["Souza", "Gonçalves", "Lefèvre", "Kjærgaard", "Wiśniewska", "Nguyễn", "Watanabe",
        "Benali", "Brooks", "Okafor", "Raman", "Haddad", "Schäfer", "Weiß", "Dubois"]
TOPICS = ["moving billing to an event queue", "their on-call rotation", "SLOs per user journey",
          "a flaky integration test", "data contracts between teams", "capacity planning",
          "incident reviews", "the migration to Kubernetes", "schema evolution"]
STAGES = ["screen", "technical", "onsite", "final"]
STATUSES = ["waiting", "next-round", "rejected", "offer", "withdrawn"]
KINDS = ["thank-you", "linkedin", "info", "check-in", "update"]


def note(rng: random.Random, company: str, role: str, stage: str, day: date) -> str:
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))]
    lines = ["---", f"company: {company}", f"role: {role}", f"date: {day} {rng.randint(9, 17)}:00",
             f"stage: {stage}", f"status: {rng.choice(STATUSES)}", "interviewers:"]
    for person in people:
        slug = person.lower().replace(" ", ".")
        lines += [f"  - name: {person}", f"    email: {slug}@example.com",
                  f"    highlights: [{rng.choice(TOPICS)}]"]
    lines += ["highlights:", *(f"  - {rng.choice(TOPICS)}" for _ in range(2)),
              f"next_steps: {{said: We will decide soon, by: {day + timedelta(days=7)}}}",
              "to_send: [A write-up of my last project]", "followups:"]
    for kind in rng.sample(KINDS, rng.randint(0, 3)):
        to = f", to: {people[0]}" if kind in ("thank-you", "linkedin") else ""
        lines.append(f"  - {{kind: {kind}{to}, date: {day + timedelta(days=1)}}}")
    lines += [f"events: [{{name: Tech talk, date: {day + timedelta(days=20)}}}]",
              "tags: [backend, remote]",
              "reflection: {went_well: Clear answers, to_improve: Ask more questions}", "---",
              "", "## How it went", ""]
    lines += [" ".join(rng.choice(TOPICS).capitalize() + "." for _ in range(6)) for _ in range(3)]
    return "\n".join(lines) + "\n"


def generate(count: int, folder: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    (folder / "notes").mkdir(parents=True, exist_ok=True)
    (folder / "journal.toml").write_text('timezone = "Europe/Lisbon"\n[me]\nname = "Ana Souza"\n',
                                         encoding="utf-8")
    start = date(2026, 1, 5)
    written = 0
    while written < count:
        application = written // 3
        company = f"{COMPANIES[application % len(COMPANIES)]} {application}"
        role = ROLES[application % len(ROLES)]
        for stage_index, stage in enumerate(STAGES[: min(3, count - written)]):
            day = start + timedelta(days=(application % 300) + stage_index * 7)
            name = f"{day}-{application:05d}-{stage}.md"
            (folder / "notes" / name).write_text(note(rng, company, role, stage, day),
                                                 encoding="utf-8")
            written += 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate(arguments.count, arguments.folder, arguments.seed)
