"""`{% cache %}`: a part of a page kept from one build to the next, rendered again only when its
key changes. The builder's use of it is checked in test_incremental.py (a rebuild is always
what a build from scratch makes); here, that it really keeps parts, and never wrongly."""

from __future__ import annotations

import pickle
import zlib
from itertools import count

import jinja2
import pytest

from followup_journal.fragments import FragmentCache, Fragments, runs

TEMPLATE = ("{% for key in keys %}"
            "[{% cache page, key %}{{ next(counter) }}{% endcache %}]"
            "{% endfor %}")


@pytest.fixture
def render():
    env = jinja2.Environment(extensions=[FragmentCache])
    env.fragments = Fragments()
    counter = count()
    template = env.from_string(TEMPLATE)

    def render(*keys, page="index.html"):
        env.fragments.next_build()
        return template.render(keys=keys, page=page, counter=counter, next=next)

    render.env = env
    return render


def test_a_part_with_the_same_key_is_not_rendered_again(render):
    assert render("a", "b") == "[0][1]"
    assert render("a", "b") == "[0][1]"
    assert render("b", "c") == "[1][2]"  # c is new


def test_the_same_key_on_another_page_is_another_part(render):
    assert render("a") == "[0]"
    assert render("a", page="checklist.html") == "[1]"


def test_a_key_with_an_unknown_part_is_never_kept(render):
    assert render(None) == "[0]"
    assert render(None) == "[1]"


def test_parts_unused_by_a_build_are_dropped(render):
    render("a")
    render("b")
    assert render("a") == "[2]"


def test_without_a_store_nothing_is_kept():
    env = jinja2.Environment(extensions=[FragmentCache])
    counter = count()
    template = env.from_string(TEMPLATE)
    values = {"keys": ["a"], "page": "p", "counter": counter, "next": next}
    assert template.render(**values) + template.render(**values) == "[0][1]"


def test_the_store_survives_pickling_for_the_next_process(render):
    render("a", "b")
    render.env.fragments = pickle.loads(pickle.dumps(render.env.fragments))
    assert render("a", "b") == "[0][1]"


def test_the_next_process_keeps_only_the_parts_the_last_build_used(render):
    render("a", "b")
    render.env.fragments = pickle.loads(pickle.dumps(render.env.fragments))
    assert render("b", "c") == "[1][2]"  # b as kept, c new, a no longer used

    render.env.fragments = pickle.loads(pickle.dumps(render.env.fragments))

    assert sorted(key for _, key in render.env.fragments.kept) == ["b", "c"]


def test_a_kept_part_comes_back_exactly_as_rendered():
    env = jinja2.Environment(extensions=[FragmentCache], autoescape=True)
    env.fragments = Fragments()
    template = env.from_string(
        "{% macro card(name) %}{% cache name %}<b>{{ name }}</b> “Łódź”{% endcache %}{% endmacro %}"
        "{{ card(name) }}")
    first = template.render(name="<Ana & Zoë>")
    env.fragments.next_build()
    env.fragments = pickle.loads(pickle.dumps(env.fragments))

    assert template.render(name="<Ana & Zoë>") == first == (
        "<b>&lt;Ana &amp; Zoë&gt;</b> “Łódź”")


def test_parts_within_parts_keep_their_own_keys():
    env = jinja2.Environment(extensions=[FragmentCache])
    env.fragments = Fragments()
    counter = count()
    template = env.from_string(
        "{% for k in keys %}{% cache k %}<{{ next(counter) }}"
        "{% cache k, 'in' %}({{ next(counter) }}){% endcache %}>{% endcache %}{% endfor %}")

    def render(*keys):
        env.fragments.next_build()
        return template.render(keys=keys, counter=counter, next=next)

    assert render("a", "b") == "<0(1)><2(3)>"
    assert render("b", "c") == "<2(3)><4(5)>"
    # b was kept whole, so its inner part was not needed, and is no longer kept
    assert sorted(map(str, env.fragments.used)) == ["('c', 'in')", "b", "c"]


def by_name(name):
    return name.split("/")[0], name  # anchored by what comes before a slash


def test_runs_hold_every_thing_once_in_order():
    things = [f"app-{n}" for n in range(300)]

    cut = runs(things, by_name, size=8)

    assert [thing for run in cut for thing in run] == things
    assert 300 / 8 / 2 < len(cut) < 300 / 8 * 2  # about 8 things a run


def test_a_thing_added_changes_only_the_run_it_joins():
    things = [f"app-{n}" for n in range(300)]
    before = {run.key for run in runs(things, by_name, size=8)}

    after = [run.key for run in runs([*things[:150], "new", *things[150:]], by_name, size=8)]

    changed = [key for key in after if key not in before]
    assert len(changed) <= 2  # the run it joins, cut in two if it ends a run itself
    assert any("new" in key for key in changed)


def test_things_of_one_anchor_never_make_one_endless_run():
    anchor = "one"
    assert zlib.crc32(anchor.encode()) % 4 != 0  # an anchor that never ends a run itself

    cut = runs([f"{anchor}/{n}" for n in range(100)], by_name, size=4)

    assert [len(run.things) for run in cut] == [16] * 6 + [4]


def test_a_run_with_an_unknown_key_is_never_kept():
    cut = runs(["a", "b", "c"], lambda name: (name, None if name == "b" else name), size=100)

    assert [run.key for run in cut] == [None]
