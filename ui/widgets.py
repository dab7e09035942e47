"""Widgets shared by pages: the test-digit picker (by class and index, at random, or from the Latent map's
selection, st.session_state["map_selection"], a list of test-set indices stored by the Latent map page), class
and dataset selectors, the 2-D guard, digit pictures and rows of them, markdown tables."""
from __future__ import annotations

import numpy as np
import streamlit as st

import vae_core
from ui.data import dataset
from ui.i18n import class_names, labeller, lang, relabel, t
from ui.lesson import digit_name
from ui.models import Active

MODES = ("class", "random", "map")


# ---------------------------------------------------------------------------------------------- guards, selectors

def require_2d(active: Active) -> bool:
    """True for a 2-D latent; otherwise shows why this view cannot draw the model and returns False."""
    d = active.model.config.latent_dim
    if d != 2:
        st.warning(t("error.model_not_2d", d=d))
        return False
    return True


def label_picker(active: Active, key: str) -> int | None:
    """For a conditional model, a class selector (returns the class index); otherwise None."""
    if not active.model.config.conditional:
        return None
    names = class_names(active.dataset)
    return st.selectbox(t("class.pick"), range(len(names)), format_func=lambda i: names[i], key=key)


def condition_picker(active: Active, key: str, default: int, label_key: str = "pick.condition") -> int | None:
    """For a conditional model, a class selector starting on `default`; None for other models."""
    if not active.model.config.conditional:
        return None
    names = class_names(active.dataset)
    relabel(key)
    return st.selectbox(t(label_key), range(len(names)), index=int(default) % len(names),
                        format_func=names.__getitem__, key=key)


def dataset_picker(key: str, default: str):
    """A dataset selector (MNIST / Fashion-MNIST) -> (name, Dataset or None after showing why it is missing)."""
    names = list(vae_core.DATASETS)
    # proper names, the same in both languages (a keyed selectbox keeps showing the old words of its chosen
    # option after a language switch)
    name = st.selectbox(t("cmp.data"), names, index=names.index(default) if default in names else 0,
                        format_func=lambda n: vae_core.DATASETS[n]["title"], key=key)
    return name, dataset(name)


# ---------------------------------------------------------------------------------------------- test-digit picker

def map_selection(n: int) -> list[int]:
    """The Latent map's selected test indices that exist in a test set of n images (order kept, no repeats)."""
    out: list[int] = []
    for i in st.session_state.get("map_selection") or []:
        if isinstance(i, (int, np.integer)) and 0 <= int(i) < n and int(i) not in out:
            out.append(int(i))
    return out


def _new_random(key: str, n: int, count: int) -> None:
    rng = np.random.default_rng()
    st.session_state[f"{key}_rand"] = [int(i) for i in rng.choice(n, size=min(count, n), replace=False)]


def _random(key: str, n: int, count: int) -> list[int]:
    cur = st.session_state.get(f"{key}_rand")
    if not cur or len(cur) < count or any(not 0 <= i < n for i in cur):
        _new_random(key, n, count)
    return st.session_state[f"{key}_rand"][:count]


def _by_class(key: str, labels, names: list[str], count: int, default_class: int) -> list[int] | None:
    c1, c2 = st.columns(2)
    c = c1.selectbox(t("pick.class"), range(len(names)), index=default_class % len(names),
                     format_func=names.__getitem__, key=f"{key}_class", persist_state="session")
    members = np.flatnonzero(labels == c)
    if members.size == 0:
        st.info(t("pick.class_empty", cls=names[c]))
        return None
    last = max(0, members.size - count)
    k = f"{key}_idx"
    if isinstance(st.session_state.get(k), int) and not 0 <= st.session_state[k] <= last:
        st.session_state[k] = int(np.clip(st.session_state[k], 0, last))   # the class has fewer digits
    i = c2.number_input(t("pick.index", n=members.size), 0, last, 0, key=k,
                        help=t("pick.index_help"), persist_state="session")
    i = int(min(max(int(i), 0), last))
    return [int(j) for j in members[i:i + count]]


def _from_map(key: str, labels, names: list[str], count: int, map_position: int) -> list[int] | None:
    sel = map_selection(len(labels))
    if not sel:
        st.info(t("pick.map_empty"))
        st.page_link("pages/latent_map.py", label=t("pick.map_link"), icon=":material/map:")
        return None
    if count > 1:
        st.caption(t("pick.map_using", n=min(count, len(sel)), total=len(sel)))
        return sel[:count]
    pos = map_position if map_position >= 0 else len(sel) + map_position
    idx = st.selectbox(t("pick.from_map", n=len(sel)), sel, index=int(np.clip(pos, 0, len(sel) - 1)),
                       format_func=lambda i, code=lang(): digit_name(labels, i, names, code),
                       key=f"{key}_map")
    return [int(idx)]


def pick_digits(active: Active, key: str, count: int = 1, *, default_class: int = 0,
                map_position: int = 0) -> list[int] | None:
    """Widgets to choose `count` test digits; returns their test-set indices, or None (after saying why)
    when there is nothing to show. `map_position` picks which selected digit a one-digit picker starts on."""
    ds = dataset(active.dataset)
    if ds is None:
        return None
    labels = ds.test_labels
    names = class_names(active.dataset)
    relabel(f"{key}_mode", f"{key}_class", f"{key}_map")
    mode = st.radio(t("pick.mode"), MODES, horizontal=True, format_func=labeller("pick.mode."),
                    key=f"{key}_mode", persist_state="session")
    if mode == "class":
        return _by_class(key, labels, names, count, default_class)
    if mode == "random":
        n = len(labels)
        st.button(t("pick.again") if count == 1 else t("pick.again_many"), key=f"{key}_again",
                  on_click=_new_random, args=(key, n, count), icon=":material/shuffle:")
        return _random(key, n, count)
    return _from_map(key, labels, names, count, map_position)


def pick_digit(active: Active, key: str, **kw) -> int | None:
    """One test digit (see pick_digits); returns its test-set index or None."""
    got = pick_digits(active, key, 1, **kw)
    return got[0] if got else None


# ---------------------------------------------------------------------------------------------- pictures

def digit_image(img, scale: int = 10):
    """(28, 28) in [0, 1] -> a large, crisp PIL image (nearest-neighbour upscaling)."""
    return vae_core.to_pil(img, scale)


def show(img, caption: str | None = None, target=st) -> None:
    """A PIL picture at its own pixel size (Streamlit would otherwise resample it smoothly)."""
    target.image(img, caption=caption, width=img.width)


def image_rows(rows: list[tuple[str, list]], captions: list[str] | None = None, scale: int = 3) -> None:
    """Rows of small digit images, each row a label and a list of (28, 28) arrays (or RGB (28, 28, 3));
    `captions` go under the last row's images."""
    n = max(len(imgs) for _, imgs in rows)
    for r, (label, imgs) in enumerate(rows):
        st.markdown(f"**{label}**")
        cols = st.columns(n)
        for i, img in enumerate(imgs):
            a = np.asarray(img)
            pic = vae_core.to_pil(a, scale) if a.ndim == 2 else vae_core.render.rgb_pil(a, scale)
            cap = captions[i] if (captions and r == len(rows) - 1) else None
            cols[i].image(pic, caption=cap, width="stretch")


def digit_row(images, captions: list[str] | None = None, per_row: int | None = None, scale: int = 3) -> None:
    """Images (N, 28, 28) in [0, 1] side by side (wrapping after `per_row`), each with its caption."""
    images = list(images)
    per_row = per_row or len(images)
    for start in range(0, len(images), per_row):
        cols = st.columns(per_row, gap="small")
        for i, img in enumerate(images[start:start + per_row]):
            cap = captions[start + i] if captions else None
            cols[i].image(vae_core.to_pil(img, scale), caption=cap, width="stretch")


def labelled_strip(label: str, images, scale: int = 2) -> None:
    """One row: a bold label on the left, the images as one strip picture on the right."""
    left, right = st.columns([1, 7], vertical_alignment="center")
    left.markdown(f"**{label}**")
    right.image(vae_core.grid_image(np.asarray(images), pad=2, scale=scale, pad_value=0.35))


# ---------------------------------------------------------------------------------------------- tables

def markdown_table(head: list[str], rows: list[list[str]], align: str = "---:") -> str:
    """A markdown table: `head` cells, then rows of cells; "|" inside a cell is escaped. `align` is every
    column's rule ("---:" right-aligned numbers), or a list of rules, one per column."""
    rules = align if isinstance(align, list) else [align] * len(head)

    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"
    return "\n".join([line(head), "|" + "|".join(rules) + "|"] + [line(r) for r in rows])
