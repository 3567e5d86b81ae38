"""A differential fuzz of `fj log`'s edits: notes written in many YAML styles, each edited, and
the edit checked by an oracle of its own (PyYAML's BaseLoader, which reads every value as text,
and a diff of the lines): the new note reads back as the old plus exactly the entry, and every
byte but the lines added or rewritten stays as it was.

`tests/test_log_fuzz.py` runs a few hundred seeds; the big run is this file as a script:
`PYTHONPATH=. .venv/bin/python tests/logfuzz.py 20000` (edits by `logentry`), and
`... tests/logfuzz.py --cli 3000` (through `fj log`, with awkward --date and --note values).
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

KINDS = ["thank-you", "linkedin", "check-in", "nudge", "other", "update", "follow"]
NAMES = ["Jane Doe", "José Álvarez", "Zoë O'Brien", "李雷", "Ana, Maria", "Dr. X: Y", "A # B",
         "{brace}", "[bracket]", 'say "hi"', "Ølsen-Ærø", "a: b", "x #y",
         "Ünal Öz", "Maria-José", "end:", "Mr. Q, Jr."]
TEXTS = ["Slides", "The write-up, with commas", "quoted: thing", "A [bracketed] thing",
         "{braces}", "a # not a comment", "it's", 'say "hi"', "tab\there", "naïve café",
         "#start", "- dash", "yes", "null", "~", "2026-11-19", "50%", "@handle", "`tick`",
         "&amp", "*star", "!bang", "|pipe", ">gt", "? q", "x: ", "trailing #", "ends with:",
         "multi\nline", "  spaced  ", "", "日本語のメモ", "a\\b", "line one\n\nline three"]
DATES = ["2026-11-19", "2026-11-19 09:05", "2026-11-20T10:00+01:00", "2026-11-20 10:00 Z",
         "2026-11-19 9:05"]
COMMENTS = ["# a comment", "#", "# with: colon, comma [x] {y}", "# ünïcödé", "#-- dashes"]


@dataclass
class Note:
    """A generated note: its text, what BaseLoader reads from its front matter, and what can be
    logged to it."""

    text: str
    data: dict[str, Any]
    names: list[str] = field(default_factory=list)


class Writer:
    """Values written in a style chosen at random, each checked to read back as itself."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def scalar(self, value: str, flow: bool) -> str:
        styles = ["plain", "plain", "single", "double"]
        style = self.rng.choice(styles)
        if style == "plain" and reads_as(value, flow, value):
            return value
        if style == "single" and "\n" not in value and "\t" not in value:
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=False)

    def comment(self) -> str:
        return "  " + self.rng.choice(COMMENTS) if self.rng.random() < 0.2 else ""


def reads_as(written: str, flow: bool, value: str) -> bool:
    """Whether `written` as a plain value reads back as `value`."""
    if not written or written != written.strip() or "\n" in written:
        return False
    document = f"[{{k: {written}}}]" if flow else f"k: {written}"
    try:
        read = yaml.load(document, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return bool((read[0] if flow else read) == {"k": value})


def flow_map(w: Writer, pairs: dict[str, str]) -> str:
    space = w.rng.choice(["", " "])
    inner = ", ".join(f"{k}: {w.scalar(v, True)}" for k, v in pairs.items())
    return "{" + space + inner + space + "}"


def block_list(w: Writer, items: list[Any], key: str) -> list[str]:
    """`key:` and its items as a block list: indented 0, 2 or 4, each item a flow or block
    mapping or a string, comments and blank lines between."""
    rng = w.rng
    dash = rng.choice([0, 2, 2, 4])
    gap = rng.choice([1, 1, 1, 3])
    lines = [f"{key}:{w.comment()}"]
    for item in items:
        if rng.random() < 0.15:
            lines.append(" " * rng.choice([0, dash, dash + 2]) + rng.choice(COMMENTS))
        if rng.random() < 0.1:
            lines.append("")
        head = " " * dash + "-" + " " * gap
        if isinstance(item, dict) and rng.random() < 0.1:  # `-` alone, the mapping below it
            lines.append(" " * dash + "-")
            head = " " * (dash + 2)
        if isinstance(item, str):
            lines.append(head + w.scalar(item, False) + w.comment())
        elif rng.random() < 0.3:
            lines.append(head + flow_map(w, item) + w.comment())
        else:
            for n, (k, v) in enumerate(item.items()):
                start = head if n == 0 else " " * len(head)
                if v == "" and rng.random() < 0.5:
                    lines.append(f"{start}{k}:{w.comment()}")
                elif "\n" in v and not v.startswith(" ") and rng.random() < 0.5:
                    lines.append(f"{start}{k}: {rng.choice(['|-', '|', '|+', '>'])}")
                    lines += [(" " * (len(head) + 2) + part).rstrip() for part in v.split("\n")]
                else:
                    lines.append(f"{start}{k}: {w.scalar(v, False)}{w.comment()}")
    if rng.random() < 0.2:
        lines.append(" " * rng.choice([0, dash]) + rng.choice(COMMENTS))
    if rng.random() < 0.1:
        lines.append("")
    return lines


def a_list(w: Writer, items: list[Any], key: str) -> list[str]:
    if items and w.rng.random() < 0.25:
        parts = [flow_map(w, i) if isinstance(i, dict) else w.scalar(i, True) for i in items]
        shape = w.rng.random()
        if shape < 0.15:
            return [f"{key}: [", *(f"  {part}," for part in parts[:-1]), f"  {parts[-1]}",
                    f"]{w.comment()}"]
        if shape < 0.3:
            return [f"{key}:{w.comment()}", f"  [{', '.join(parts)}]"]
        return [f"{key}: [{', '.join(parts)}]{w.comment()}"]
    return block_list(w, items, key)


def followups(w: Writer, names: list[str]) -> tuple[list[str], Any]:
    rng = w.rng
    style = rng.choice(["empty", "empty-comment", "flow-empty", "null", "list", "list", "list"])
    if style == "empty":
        return ["followups:"], ""
    if style == "empty-comment":
        return ["followups:  # what you have done", rng.choice(["", "  # - {kind: x}"])], ""
    if style == "flow-empty":
        return [rng.choice(["followups: []", "followups: [ ]", "followups: []  # none"])], []
    if style == "null":
        word = rng.choice(["~", "null", "Null", "NULL"])
        return [f"followups: {word}{w.comment()}"], word
    items = []
    for _ in range(rng.randint(1, 3)):
        item = {"kind": rng.choice(KINDS)}
        if rng.random() < 0.7:
            item["to"] = rng.choice(names)
        item["date"] = rng.choice(DATES[:2])
        if rng.random() < 0.4:
            item["note"] = rng.choice(TEXTS)
        items.append(item)
    return a_list(w, items, "followups"), items


def to_send(w: Writer) -> tuple[list[str], list[Any]]:
    rng = w.rng
    items: list[Any] = []
    for _ in range(rng.randint(1, 3)):
        what = rng.choice([t for t in TEXTS if t.strip() and "\n" not in t])
        shape = rng.choice(["string", "map", "map-sent", "map-empty-sent"])
        if shape == "string":
            items.append(what)
        elif shape == "map":
            items.append({"what": what})
        elif shape == "map-sent":
            items.append({"what": what, "sent": "2026-11-19"})
        else:
            items.append({"what": what, "sent": ""})
    return a_list(w, items, "to_send"), items


def make_note(seed: int) -> Note:
    rng = random.Random(seed)
    w = Writer(rng)
    names = rng.sample(NAMES, rng.randint(1, 2))
    data: dict[str, Any] = {}
    blocks: list[tuple[str, list[str]]] = []

    def add(key: str, lines: list[str], value: Any) -> None:
        data[key] = value
        blocks.append((key, lines))

    company = rng.choice(["Acme Robotics", "Ünïcorn, Inc.", "Q: Labs", "#1 Co"])
    key = rng.choice(["company", '"company"', "'company'"])
    add("company", [f"{key}: {w.scalar(company, False)}{w.comment()}"], company)
    add("role", [f"role: {w.scalar('Backend Engineer', False)}"], "Backend Engineer")
    add("date", ["date: 2026-11-18 14:30"], "2026-11-18 14:30")
    add("status", [f"status: waiting{w.comment()}"], "waiting")
    people = [{"name": n} for n in names]
    add("interviewers", a_list(w, people, "interviewers"), people)
    optional = []
    if rng.random() < 0.6:
        optional.append(("followups", *followups(w, names)))
    if rng.random() < 0.5:
        optional.append(("to_send", *to_send(w)))
    if rng.random() < 0.3:
        optional.append(("tags", [f"tags: [a, {w.scalar('b, c', True)}]"], ["a", "b, c"]))
    if rng.random() < 0.2:
        optional.append(("highlights", ["highlights:", "  - Their queue"], ["Their queue"]))
    if rng.random() < 0.15:
        chomp = rng.choice(["|", "|-", "|+", ">"])
        lines = ["reflection:", f"  went_well: {chomp}", "    Calm.", "", "    Prepared."]
        if rng.random() < 0.5:
            lines.append("")
        text = yaml.load("\n".join(["x:", *lines[1:]]) + "\n", Loader=yaml.BaseLoader)["x"]
        optional.append(("reflection", lines, text))
    rng.shuffle(optional)
    for key, lines, value in optional:
        add(key, lines, value)
    if rng.random() < 0.3:  # reorder a little: followups before the others, say
        rng.shuffle(blocks)
    if rng.random() < 0.2:  # a comment of its own between two keys
        blocks.insert(rng.randint(0, len(blocks)), ("", [rng.choice(COMMENTS)]))
    lines = [line for _, block in blocks for line in block]
    if rng.random() < 0.1:  # every key indented
        indent = " " * rng.choice([1, 2])
        lines = [indent + line if line else line for line in lines]
    lines += [""] * rng.choice([0, 0, 0, 1, 2])
    if rng.random() < 0.1:
        lines.append("...")
    closer = rng.choice(["---", "---", "---", "--- "])
    body = rng.choice(["It went well.\n", "", "body", "\n\nText # with: colons\n"])
    if not body and rng.random() < 0.5:  # the front matter ends at the end of the file
        whole = ["---", *lines, closer]
    else:
        whole = ["---", *lines, closer, *body.split("\n")]
    eol = rng.choice(["\n", "\n", "\r\n"])
    text = eol.join(whole)
    if eol == "\r\n" and rng.random() < 0.2:  # one line ending of another kind
        text = text.replace("\r\n", "\n", 1)
    if rng.random() < 0.15:
        text = "\ufeff" + text
    return Note(text, front_matter(text)[0], names)


# The oracle -----------------------------------------------------------------------------------


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as BaseLoader reads it, and the body as bytes would show it."""
    lines = text.removeprefix("\ufeff").split("\n")
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    yaml_text = "\n".join(line.removesuffix("\r") for line in lines[1:closing])
    yaml_text += "\n"  # the last line's line break (the note parser's reading)
    return yaml.load(yaml_text, Loader=yaml.BaseLoader), "\n".join(lines[closing:])


NOTHING = {"", "~", "null", "Null", "NULL"}


def expected_after(before: dict[str, Any], entry: dict[str, str] | None,
                   sent: dict[int, str]) -> dict[str, Any]:
    data = copy.deepcopy(before)
    if entry is not None:
        old = data.get("followups")
        data["followups"] = [*(old if isinstance(old, list) else []), entry]
    for index, when in sent.items():
        item = data["to_send"][index]
        data["to_send"][index] = ({"what": item, "sent": when} if isinstance(item, str)
                                  else {**item, "sent": when})
    return data


def check_edit(old: str, new: str, entry: dict[str, str] | None, sent: dict[int, str],
               lines: tuple[tuple[int, str], ...]) -> str | None:
    """What is wrong with `new` as `old` with the entry and `sent:` added; None when right."""
    before, old_body = front_matter(old)
    try:
        after, new_body = front_matter(new)
    except (yaml.YAMLError, StopIteration) as error:
        return f"does not read back: {error}"
    if new_body != old_body:
        return "the body changed"
    if after != expected_after(before, entry, sent):
        return f"reads back as {after!r}"
    if new.startswith("\ufeff") != old.startswith("\ufeff"):
        return "the byte order mark changed"
    old_lines, new_lines = old.split("\n"), new.split("\n")
    problem = line_by_line(old_lines, new_lines, sorted(n for n, _ in lines),
                           len(sent) + (entry is not None))
    if problem:
        return problem
    crlf = [line.endswith("\r") for line in old_lines[:-1]]
    if crlf and all(crlf) and not all(line.endswith("\r") for line in new_lines[:-1]):
        return "a line ending of a CRLF file is LF"
    if not any(crlf) and any(line.endswith("\r") for line in new_lines):
        return "a CRLF line ending in an LF file"
    if any(new_lines[n - 1].removesuffix("\r") != text for n, text in lines):
        return "a printed line is not the line in the note"
    return None


def line_by_line(old: list[str], new: list[str], printed: list[int], edits: int) -> str | None:
    """Each line of `new` not printed is the next line of `old`; each printed one is added, or
    rewrites the next line of `old` (at most one an edit)."""
    from functools import cache

    @cache
    def fewest(i: int, j: int) -> float:  # the fewest rewrites that match old[i:] to new[j:]
        if j == len(new):
            return 0 if i == len(old) else float("inf")
        if j + 1 not in printed:
            return fewest(i + 1, j + 1) if i < len(old) and old[i] == new[j] else float("inf")
        best = fewest(i, j + 1)  # added
        if i < len(old) and old[i].strip() and rewritten(old[i], new[j]) is None:
            best = min(best, 1 + fewest(i + 1, j + 1))
        return best

    rewrites = fewest(0, 0)
    if rewrites == float("inf"):
        return f"the lines printed {printed} are not all the lines that changed"
    if rewrites > edits:
        return f"{rewrites} lines rewritten for {edits} edits"
    return None


def rewritten(old: str, new: str) -> str | None:
    """What is wrong with a line rewritten: it keeps what it had before and after the edit,
    with text added, and takes out only an empty value, a null, or a string that becomes a
    mapping's `what`."""
    if "{what: " in new and "{what: " not in old:
        return None
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if all(tag in ("equal", "insert") or old[i1:i2] in ('""', "''")
           for tag, i1, i2, _, _ in matcher.get_opcodes()):
        return None  # `sent: ...` added to or set on one or more `{...}` on the line
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    removed = old[start:len(old) - end]
    if removed.strip() in {*NOTHING, '""', "''"}:
        return None
    return f"the rewrite of {old!r} as {new!r} takes out {removed!r}"


# Running --------------------------------------------------------------------------------------


def entry_of(rng: random.Random, note: Note) -> dict[str, str]:
    entry = {"kind": rng.choice(KINDS)}
    if rng.random() < 0.7:
        entry["to"] = rng.choice(note.names)
    entry["date"] = rng.choice(DATES)
    if rng.random() < 0.6:
        entry["note"] = rng.choice(TEXTS)
    return entry


def unsent(note: Note) -> list[int]:
    items = note.data.get("to_send") or []
    return [i for i, item in enumerate(items)
            if isinstance(item, str) or item.get("sent", "") == ""]


def run_pure(seed: int) -> tuple[str, str | None]:
    """One note, one edit by `logentry`: ("ok" | "refused: why" , what is wrong or None)."""
    from followup_journal.logentry import CannotEdit, add_followup, set_sent

    note = make_note(seed)
    rng = random.Random(-seed)
    open_items = unsent(note)
    try:
        if open_items and rng.random() < 0.4:
            index, when = rng.choice(open_items), rng.choice(DATES)
            edited = set_sent(note.text, index, when)
            return "ok", check_edit(note.text, edited.text, None, {index: when}, edited.lines)
        entry = entry_of(rng, note)
        edited = add_followup(note.text, entry)
        return "ok", check_edit(note.text, edited.text, entry, {}, edited.lines)
    except CannotEdit as error:
        return f"refused: {error}", None


def main(argv: list[str]) -> int:
    cli = argv[:1] == ["--cli"]
    count = int(argv[-1]) if argv else 1000
    outcomes: dict[str, int] = {}
    wrong = 0
    kinds: dict[str, int] = {}
    scratch = Path(tempfile.mkdtemp())
    os.environ.setdefault("FOLLOWUP_JOURNAL_CACHE", str(scratch / "cache"))  # not the user's
    for seed in range(count):
        try:
            if cli:
                outcome, problem = run_cli(seed, scratch / str(seed))
                shutil.rmtree(scratch / str(seed), ignore_errors=True)
            else:
                outcome, problem = run_pure(seed)
        except Exception as error:  # a traceback is a finding too
            outcome, problem = "crash", f"{type(error).__name__}: {error}"
        outcomes[outcome.split(" (")[0]] = outcomes.get(outcome.split(" (")[0], 0) + 1
        if problem:
            wrong += 1
            kind = problem.split("\n")[0][:60]
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] <= 2:
                print(f"seed {seed}: {problem}\n{make_note(seed).text!r}\n")
    for outcome, n in sorted(outcomes.items(), key=lambda x: -x[1]):
        print(f"{n:7d}  {outcome}")
    for kind, n in sorted(kinds.items(), key=lambda x: -x[1]):
        print(f"{n:7d}  wrong: {kind}")
    print(f"{count - wrong} of {count} right")
    return 1 if wrong else 0


# Through `fj log` -------------------------------------------------------------------------------

CONFIG = 'timezone = "Europe/Lisbon"\n\n[me]\nname = "Ana Souza"\n'
AWKWARD_DATES = ["2026-11-19", " 2026-11-19 09:05 ", "2026-11-19T09:05+01:00", "2026-11-19,",
                 "2026-11-19 # x", "2026-11-19\n", "'2026-11-19'", "2026-11-19: 09:05",
                 "2026-11-20 10:00 Z", "2026-02-30", ""]
AWKWARD_NOTES = [None, "sent, by email", "re: the offer", 'he said "soon"', "#1 priority",
                 "a # b", "line one\nline two", "{x}", "[x]", "it's", "  padded  ", "tab\tin",
                 "ends with a colon:", "- starts with a dash", "naïve café 日本", "\\back",
                 "\r\nwindows", "\u2028sep", "\ufeffbom", ""]


def run_cli(seed: int, root: Path) -> tuple[str, str | None]:
    """One note in a journal of its own, one `fj log` on it: the outcome, and what is wrong."""
    from click.testing import CliRunner

    from followup_journal.cli import PLACED, cli
    from followup_journal.parse import parse_note
    from followup_journal.problems import Severity

    note = make_note(seed)
    rng = random.Random(~seed)
    data = note.text.encode("utf-8")
    result = parse_note(root / "a.md", data, __import__("zoneinfo").ZoneInfo("Europe/Lisbon"))
    if result.note is None or any(p.severity is Severity.ERROR for p in result.problems):
        return "skipped: " + min(p for p in result.problems if p.severity is Severity.ERROR
                                 ).message[:50], None
    (root / "notes").mkdir(parents=True, exist_ok=True)
    (root / "journal.toml").write_text(CONFIG, "utf-8")
    path = root / "notes" / "a.md"
    path.write_bytes(data)
    when = rng.choice(AWKWARD_DATES if rng.random() < 0.3 else DATES)
    said = rng.choice(AWKWARD_NOTES)
    choice = rng.random()
    things = [t.what for t in result.note.note.to_send if t.sent is None]
    options = ["--date", when] if when or rng.random() < 0.5 else []
    options += ["--note", said] if said is not None else []
    if choice < 0.4:
        words, options = ["thank-you", rng.choice(note.names)], [*options, "--again"]
    elif choice < 0.55 and things:
        words = ["sent", rng.choice(things)]
    elif choice < 0.75:
        words, options = ["check-in"], [*options, "--app", result.note.note.company]
    else:
        words = [str(rng.randint(1, 4))]
    args = [*options, "--", *words]  # a name may start with `-`
    done = CliRunner().invoke(cli, ["log", "-j", str(root), "--today", "2026-11-21", *args])
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        return "crash", f"{args!r}: {type(done.exception).__name__}: {done.exception}"
    after = path.read_bytes()
    if done.exit_code != 0:
        if after != data:
            return "refused", f"{args!r}: refused but the file changed"
        said_well = done.stderr.startswith("Error: ") or PLACED.match(done.stderr)
        if not said_well or "Traceback" in done.stderr:
            return "refused", f"{args!r}: {done.stderr!r}"
        return "refused: " + refusal(done.stderr), None
    return "logged", check_logged(note.text, after.decode("utf-8"), done.stdout, when.strip()
                                  or "2026-11-21", said)


def refusal(stderr: str) -> str:
    for word in ("--date", "would not read back", "cannot add", "no interviewer", "could be",
                 "there is no item", "logged already", "not a message", "already sent",
                 "no application", "nothing to send", "done by writing"):
        if word in stderr:
            return word
    return stderr.strip()[:70]


def check_logged(old: str, new: str, stdout: str, when: str, said: str | None) -> str | None:
    """`check_edit` for an entry and `sent:`s not known before: those the new note has."""
    before, after = front_matter(old)[0], front_matter(new)[0]
    old_list, new_list = before.get("followups"), after.get("followups")
    old_list = old_list if isinstance(old_list, list) else []
    entry = None
    if new_list != before.get("followups"):
        if not isinstance(new_list, list) or new_list[:-1] != old_list:
            return f"followups are now {new_list!r}"
        entry = new_list[-1]
        if entry.get("date") != when or (said and entry.get("note") != said):
            return f"the entry {entry!r} is not of {when!r}, {said!r}"
    things, now = before.get("to_send") or [], after.get("to_send") or []
    sent = {i: when for i, (a, b) in enumerate(zip(things, now, strict=False)) if a != b}
    lines = []
    for line in stdout.splitlines():
        number = line.split(":", 2)[1] if line.count(":") >= 2 else ""
        if not number.isdigit():
            return f"printed {line!r}"
        lines.append((int(number), new.split("\n")[int(number) - 1].removesuffix("\r")))
    return check_edit(old, new, entry, sent, tuple(lines))

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
