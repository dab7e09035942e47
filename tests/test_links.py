"""The link machinery: parsers of every page's query parameters, the round trip state -> URL -> state, and the
teacher's channel. Pure functions on plain dicts (no Streamlit session)."""
from __future__ import annotations

import math
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui import follow, links
from ui.links import PAGES, SHELL, choice, flag, indices, integer, number, point, read_page, unknown_names, view

NAMES = sorted({n for spec in PAGES.values() for n in spec} | set(SHELL))
JUNK = ["", " ", "abc", "nan", "inf", "-inf", "1e999", "0x10", "1_000", "１２", "<b>1</b>", "**2**", "[x](y)",
        "1,2,3", ",", "1,", "\x00", "A" * 10_000, "<script>alert(1)</script>", "1;DROP", "../../etc/passwd"]
values = st.one_of(st.sampled_from(JUNK), st.text(max_size=40),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr),
                   st.integers(-10**12, 10**12).map(str),
                   st.tuples(st.floats(-10, 10), st.floats(-10, 10)).map(lambda p: f"{p[0]},{p[1]}"))
queries = st.dictionaries(st.one_of(st.sampled_from(NAMES), st.text(max_size=12)), values, max_size=12)


def test_number_clamps_and_snaps():
    p = number("k", 1.0, 6.0, 0.5)
    assert p.parse("4") == ((4.0,), True)
    assert p.parse("4.2") == ((4.0,), True)            # snapped to the step, not a complaint
    assert p.parse("99") == ((6.0,), False)            # clamped: reported
    assert p.parse("-3") == ((1.0,), False)
    for bad in ("nan", "inf", "1e999", "abc", "", "4,5", "<b>4</b>", "4" * 20):
        with pytest.raises(ValueError):
            p.parse(bad)


def test_integer_refuses_what_python_int_would_accept():
    p = integer("k", 0, 9)
    assert p.parse("7") == ((7,), True) and p.parse("12") == ((9,), False)
    for bad in ("1_0", " 0x1", "٣", "7.0", "1e2", ""):
        with pytest.raises(ValueError):
            p.parse(bad)


def test_point_choice_flag_indices():
    z = point(("a", "b"), -6, 6, 0.05)
    assert z.parse("-1,2") == ((-1.0, 2.0), True)
    assert z.parse("-1,9") == ((-1.0, 6.0), False)
    assert z.show((-1.0, 2.05)) == "-1,2.05"
    for bad in ("1", "1,2,3", "x,1", ""):
        with pytest.raises(ValueError):
            z.parse(bad)
    c = choice("k", ("linear", "gaussian"))
    assert c.parse("gaussian") == (("gaussian",), True)
    with pytest.raises(ValueError):
        c.parse("Gaussian")
    f = flag("k")
    assert f.parse("1") == ((True,), True) and f.parse("0") == ((False,), True)
    with pytest.raises(ValueError):
        f.parse("yes")
    ix = indices("k", 100, 5)
    assert ix.parse("3,1,3,99") == (([3, 1, 99],), True) or ix.parse("3,1,3,99")[0] == ([3, 1, 99],)
    assert ix.parse("3,500") == (([3],), False)
    with pytest.raises(ValueError):
        ix.parse("1,2,3,4,5,6")


def test_a_full_explore_link_is_read():
    state = {}
    done, bad = read_page("explore", {"z": "-1,2", "lim": "4", "n": "21", "spacing": "gaussian"}, state)
    assert state == {"z1": -1.0, "z2": 2.0, "view_lim": 4.0, "explore_n": 21, "explore_spacing": "gaussian"}
    assert bad == [] and done == state


def test_bad_values_are_named_and_left_out():
    state = {"z1": 0.5}
    _, bad = read_page("explore", {"z": "<b>1</b>,2", "lim": "99", "n": "A" * 10_000}, state)
    assert sorted(bad) == ["lim", "n", "z"]
    assert state == {"z1": 0.5, "view_lim": 6.0}        # z untouched, lim clamped, n ignored


def test_dependent_key_follows_the_choice_in_the_same_link():
    state = {}
    read_page("anomalies", {"noise": "gaussian", "strength": "0.3"}, state)
    assert state["anom_kind"] == "gaussian" and state["anom_strength_gaussian"] == pytest.approx(0.3)


def test_unknown_names_are_counted():
    assert unknown_names("explore", {"z": "1,1", "lang": "en", "foo": "1", "": ""}) == 2


@pytest.mark.parametrize("page", sorted(PAGES))
@settings(max_examples=max(60, settings().max_examples), deadline=None)   # the "deep" profile: 10,000 per page
@given(q=queries)
def test_any_query_is_read_safely(page, q):
    """Whatever the query string, reading it never raises, every value set has its parameter's type and range,
    and writing it back gives text that reads again to the same values with no complaint."""
    state = {}
    done, bad = read_page(page, q, state)
    assert set(bad) <= set(PAGES[page])
    for name, p in PAGES[page].items():
        keys = p.keys_in(state)
        if not all(k in done for k in keys):
            continue
        text = p.show(tuple(state[k] for k in keys))
        again, inside = p.parse(text)
        assert inside, (name, text)
        assert all(a == b or (isinstance(a, float) and math.isclose(a, b, abs_tol=1e-9))
                   for a, b in zip(again, (state[k] for k in keys)))


@pytest.mark.parametrize("page", sorted(PAGES))
def test_view_round_trips(page):
    """A view written by view() reads back, on a fresh state, to the same page state."""
    state = {}
    sample = {"explore": {"z": "1.5,-0.25", "lim": "3.5", "n": "9", "spacing": "linear", "class": "4"},
              "latent-map": {"lim": "2", "contours": "1", "sel": "5,7,11", "z": "0.1,0.2"},
              "reconstructions": {"mode": "class", "class": "3", "n": "12", "from": "sample", "diff": "1",
                                  "seed": "12345"},
              "posterior": {"pick": "class", "class": "2", "i": "17", "k": "20"},
              "interpolate": {"a_pick": "random", "a_class": "1", "a_i": "3", "b_pick": "class", "b_class": "7",
                              "b_i": "0", "steps": "15"},
              "anomalies": {"noise": "square", "strength": "0.6", "pick": "class", "class": "3", "i": "2",
                            "score": "typicality"},
              "ae-vs-vae": {"lim": "10.5", "data": "fashion"}, "beta": {"data": "mnist"},
              "conditional": {"class": "8", "z": "-2,2.5"}}.get(page, {})
    _, bad = read_page(page, sample, state)
    assert bad == []
    state.update(lang="tr", model_ref="pretrained:mnist-ae")
    url = view(page, state)
    assert url["lang"] == "tr" and url["model"] == "mnist-ae"
    again = {}
    read_page(page, url, again)
    assert again == {k: v for k, v in state.items() if k not in ("lang", "model_ref")}


def test_me_link_needs_a_valid_token():
    from vae_core.autosave import new_token
    tok = new_token()
    assert view("home", {"model_ref": "session:", "me_token": tok}) == {"lang": "en", "model": "me", "me": tok}
    assert view("home", {"model_ref": "session:", "me_token": "../x"}) == {"lang": "en"}
    assert view("home", {"model_ref": "upload:"}) == {"lang": "en"}       # an upload cannot be linked


# ---------------------------------------------------------------------------------------------- follow

def test_teacher_code_must_match_exactly():
    assert not follow.code_matches("anything", "")                # no code configured: nobody broadcasts
    assert not follow.code_matches("", "")
    assert not follow.code_matches("secret ", "secret")
    assert not follow.code_matches("Secret", "secret")
    assert follow.code_matches("secret", "secret")
    assert follow.code_matches("şifre", "şifre")


def test_broadcast_hides_private_parts():
    view_ = {"lang": "tr", "model": "me", "me": "x" * 22, "present": "1", "z": "1,2"}
    assert follow.shared_view(view_) == {"z": "1,2"}
    assert follow.shared_view({"model": "mnist-ae", "z": "0,0"}) == {"model": "mnist-ae", "z": "0,0"}


def test_channel_versions_grow_once_per_change_across_threads():
    ch = follow.Channel()
    assert ch.latest() is None
    a = ch.publish("explore", {"z": "0,0"})
    assert ch.publish("explore", {"z": "0,0"}) is a            # the same view is not a new broadcast
    barrier = threading.Barrier(8)

    def work(i):
        barrier.wait()
        for j in range(50):
            ch.publish("explore", {"z": f"{i},{j}"})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert ch.latest().version == 1 + 8 * 50


def _broadcast(page, params):
    return follow.Broadcast(1, page, params)


def test_only_a_new_z_is_taken_without_opening_the_view():
    """A follower on Explore whose view matches the teacher's but for z takes the z in place (one fragment run);
    anything else the teacher changed (page, model, range, grid size) opens the whole view."""
    state = {"lang": "tr", "model_ref": "pretrained:mnist-vae", "z1": 0.0, "z2": 0.0, "view_lim": 3.0,
             "explore_n": 15, "explore_spacing": "linear"}
    mine = view("explore", state)
    teacher = follow.shared_view({**mine, "lang": "en", "z": "1.5,-0.5"})
    live = ("z",)
    assert follow.only_live_changed(_broadcast("explore", teacher), "explore", live, mine)
    assert not follow.only_live_changed(_broadcast("latent-map", teacher), "explore", live, mine)
    for k, v in (("model", "mnist-ae"), ("lim", "4"), ("n", "9"), ("spacing", "gaussian")):
        assert not follow.only_live_changed(_broadcast("explore", {**teacher, k: v}), "explore", live, mine), k
    assert not follow.only_live_changed(_broadcast("explore", {**teacher, "class": "3"}), "explore", live, mine)
    # the teacher's own model is not broadcast: the follower keeps theirs, so it is not a difference
    own = {k: v for k, v in teacher.items() if k != "model"}
    assert follow.only_live_changed(_broadcast("explore", own), "explore", live, mine)
    # a follower whose own view strayed (a range they chose) gets the teacher's whole view back
    strayed = view("explore", {**state, "view_lim": 5.0})
    assert not follow.only_live_changed(_broadcast("explore", teacher), "explore", live, strayed)
    # the z read from the broadcast goes through the page's parser like any link
    got = {}
    read_page("explore", {"z": teacher["z"]}, got)
    assert (got["z1"], got["z2"]) == (1.5, -0.5)


def test_latent_map_drag_mode_is_a_validated_parameter():
    state = {}
    done, bad = read_page("latent-map", {"drag": "lasso", "sel": "4,2"}, state)
    assert state == {"map_drag": "lasso", "map_selection": [4, 2]} and bad == []
    for junk in ("Lasso", "pan", "", "<b>select</b>", "none,lasso", "A" * 200):
        state = {"map_drag": "select"}
        _, bad = read_page("latent-map", {"drag": junk}, state)
        assert bad == ["drag"] and state == {"map_drag": "select"}        # left as it was, named once
    assert view("latent-map", {"map_drag": "select"})["drag"] == "select"
    assert "drag" not in view("latent-map", {"map_drag": None})             # unselected control: nothing written
    assert "drag" not in view("explore", {"map_drag": "lasso"})             # the map's own parameter only
