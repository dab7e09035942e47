"""Widgets shared by pages: the test-digit picker (by class and index, at random, or from the Latent map's
selection, st.session_state["map_selection"], a list of test-set indices stored by the Latent map page), class
and dataset selectors, the 2-D guard, digit pictures and rows of them, markdown tables."""
from __future__ import annotations

import base64
import html

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
    st.session_state.setdefault(key, int(default) % len(names))   # not in the widget: relabel() writes the key
    return st.selectbox(t(label_key), range(len(names)), format_func=names.__getitem__, key=key)


def dataset_picker(key: str, default: str):
    """A dataset selector (MNIST / Fashion-MNIST) -> (name, Dataset or None after showing why it is missing)."""
    names = list(vae_core.DATASETS)
    # proper names, the same in both languages (a keyed selectbox keeps showing the old words of its chosen
    # option after a language switch). The default goes into Session State: a link may have set the key.
    st.session_state.setdefault(key, default if default in names else names[0])
    name = st.selectbox(t("cmp.data"), names, format_func=lambda n: vae_core.DATASETS[n]["title"], key=key)
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
    k = f"{key}_idx"
    # Defaults in Session State, not in the widgets: a link (ui/links.py) may have set these keys already.
    st.session_state.setdefault(f"{key}_class", default_class % len(names))
    st.session_state.setdefault(k, 0)
    c = c1.selectbox(t("pick.class"), range(len(names)), format_func=names.__getitem__, key=f"{key}_class",
                     persist_state="session")
    members = np.flatnonzero(labels == c)
    if members.size == 0:
        st.info(t("pick.class_empty", cls=names[c]))
        return None
    last = max(0, members.size - count)
    if isinstance(st.session_state.get(k), int) and not 0 <= st.session_state[k] <= last:
        st.session_state[k] = int(np.clip(st.session_state[k], 0, last))   # the class has fewer digits
    i = c2.number_input(t("pick.index", n=members.size), 0, last, key=k,
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
    st.session_state.setdefault(f"{key}_map", sel[int(np.clip(pos, 0, len(sel) - 1))])   # relabel() writes it
    idx = st.selectbox(t("pick.from_map", n=len(sel)), sel, format_func=lambda i, code=lang(): digit_name(
        labels, i, names, code), key=f"{key}_map")
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
# Pictures go into the page as inline data (data: URIs), not as Streamlit media files: a media file of one run is
# dropped when a newer run replaces it, and a browser still fetching it showed "Image source error" (six quick
# moves of a slider); inline data cannot go missing, and a page of small pictures needs no extra requests.

PAGE_CSS = """<style>
@media (max-width:560px){.katex-display{font-size:.8em}}
.le-pic{margin:0 0 .5rem 0;max-width:100%}
.le-pic img{display:block;width:100%;height:auto;object-fit:contain!important}
.le-pic.crisp img,.le-gallery img{image-rendering:pixelated}
.le-pic figcaption,.le-card .le-cap{font-size:.85rem;color:rgba(49,51,63,.75);line-height:1.3}
.le-pic{container-type:inline-size}
.le-pic figcaption{text-wrap:balance}
@container (max-width:130px){.le-pic figcaption{font-size:.7rem}}
.le-gallery{display:flex;flex-wrap:wrap;gap:.6rem .8rem;align-items:flex-start;margin-bottom:.6rem}
.le-card{display:flex;flex-direction:column;align-items:center;gap:3px}
.le-card img{display:block;width:var(--thumb,64px)!important;height:var(--thumb,64px)!important;max-width:none;
  object-fit:fill!important}
.le-card .le-cap{white-space:pre;text-align:center}
.le-rowlabels{display:flex;flex-direction:column;gap:3px;align-items:flex-end;font-size:.85rem;font-weight:600}
.le-rowlabels span{display:flex;align-items:center;justify-content:flex-end;text-align:right;max-width:7.5rem}
.le-legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.95rem;margin:.2rem 0 .6rem 0}
.le-legend span{white-space:nowrap}
.le-legend b{font-size:1.1em;margin-right:.25rem}
[data-testid="stPageLink"] p,[data-testid="stPageLink"] span{white-space:normal!important;overflow:visible!important;
  text-overflow:clip!important}
[data-testid="stWidgetLabel"] p{overflow-wrap:normal;word-break:normal;hyphens:auto}
.stCheckbox [data-testid="stMarkdownContainer"],.stCheckbox [data-testid="stMarkdownContainer"] *,
.stButton button [data-testid="stMarkdownContainer"],.stButton button [data-testid="stMarkdownContainer"] *,
.stDownloadButton button [data-testid="stMarkdownContainer"],.stDownloadButton button [data-testid="stMarkdownContainer"] *{
  white-space:normal!important;overflow:visible!important;text-overflow:clip!important}
[class*="st-key-tiles_"] [data-testid="stHorizontalBlock"]{display:grid!important;gap:1rem;
  grid-template-columns:repeat(auto-fit,minmax(min(100%,13rem),1fr))}
[class*="st-key-tiles_"] [data-testid="stHorizontalBlock"]>[data-testid="stColumn"]{width:auto!important;min-width:0!important}
[class*="st-key-digits_"] [data-testid="stHorizontalBlock"]{display:grid!important;gap:.6rem;
  grid-template-columns:repeat(auto-fit,minmax(min(100%,6rem),1fr))}
[class*="st-key-digits_"] [data-testid="stHorizontalBlock"]>[data-testid="stColumn"]{width:auto!important;min-width:0!important}
[data-testid="stMetricLabel"],[data-testid="stMetricLabel"] *,[data-testid="stMetricValue"],
[data-testid="stMetricValue"] *{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}
@media (max-width:1000px){[data-testid="stMetricValue"]{font-size:1.75rem}}
@media (max-width:640px){
  [data-testid="stMarkdownContainer"] table{font-size:.9rem}
  [data-testid="stMarkdownContainer"] :is(th,td){padding:.35rem .4rem}
  [data-testid="stHorizontalBlock"]{flex-wrap:wrap!important}
  [data-testid="stHorizontalBlock"]>[data-testid="stColumn"]{min-width:100%!important;flex:1 1 100%!important}
}
</style>"""


def tiles(n: int, key: str, digits: bool = False) -> list:
    """n columns of one width that wrap onto more rows instead of each getting narrower than 13rem (208 px: a
    small map read from the back of the room): five in a row on a wide screen, 3 + 2 beside the sidebar at
    1280 px, one under another on a phone. digits=True: for single digit pictures with a caption, 6rem (96 px)."""
    with st.container(key=f"{'digits' if digits else 'tiles'}_{key}"):
        return st.columns(n)


def page_style() -> None:
    """The few CSS rules of the app's own pictures, galleries and legends (once per run, from app.py)."""
    st.html(PAGE_CSS)


def _png_uri(img, mime: str = "image/png") -> str:
    if isinstance(img, (bytes, bytearray)):
        data = bytes(img)
    else:
        data = vae_core.png_bytes(img, compress_level=3)
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _mime(data) -> str:
    return "image/gif" if isinstance(data, (bytes, bytearray)) and bytes(data[:3]) == b"GIF" else "image/png"


def picture_html(img, caption: str | None = None, width: int | None = None, crisp: bool = False,
                 alt: str = "") -> str:
    """One picture (PIL image or PNG/GIF bytes) as an inline <figure>: at most `width` CSS pixels (default: its
    own width) and never wider than its column."""
    if width is None and not isinstance(img, (bytes, bytearray)):
        width = img.width
    style = f' style="width:{int(width)}px"' if width else ""
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure class="le-pic{" crisp" if crisp else ""}"{style}>'
            f'<img src="{_png_uri(img, _mime(img))}" alt="{html.escape(alt or caption or "")}">{cap}</figure>')


def picture(img, caption: str | None = None, width: int | None = None, *, crisp: bool = False, target=st,
            alt: str = "") -> None:
    """Show a picture inline (see picture_html). Server-drawn charts pass width=None for bytes: the column's
    width."""
    target.markdown(picture_html(img, caption, width, crisp, alt), unsafe_allow_html=True)


def download(label: str, make, file_name: str, mime: str, key: str, target=st) -> None:
    """A download button whose file is made only when it is clicked (`make()` -> bytes, Streamlit's deferred
    download): nothing extra crosses the Wi-Fi on each run, and the file cannot 404 because a newer run replaced
    it (it is created at the click). No rerun on click."""
    target.download_button(label, data=make, file_name=file_name, mime=mime, key=key, on_click="ignore",
                           icon=":material/download:")


def legend(items, target=st) -> None:
    """A legend line under a server-drawn picture: items (shape, "#rrggbb", text); shape "dot", "ring", "x",
    "diamond", "line", "dash"."""
    sym = {"dot": "●", "ring": "◯", "x": "✕", "diamond": "◆", "line": "━", "dash": "╍", "square": "■"}
    spans = "".join(f'<span><b style="color:{c}">{sym.get(shape, shape)}</b>{html.escape(text)}</span>'
                    for shape, c, text in items)
    target.markdown(f'<div class="le-legend">{spans}</div>', unsafe_allow_html=True)


def _thumb(img, size: int) -> str:
    a = np.asarray(img)
    pic = vae_core.to_pil(a, 1) if a.ndim == 2 else vae_core.rgb_pil(a, 1)
    return f'<img src="{_png_uri(pic)}" alt="">'


def gallery_html(columns, captions=None, row_labels=None, size: int = 64) -> str:
    """Cards side by side that wrap onto more lines on a narrow screen: columns[i] is the list of images (28, 28)
    (or RGB (28, 28, 3)) of card i, stacked, with captions[i] on one line under them; row_labels name the
    stacked rows in a first card. Every image is `size` CSS pixels square, drawn crisp."""
    cards = []
    if row_labels:
        labels = "".join(f'<span style="height:{size}px">{html.escape(lab)}</span>' for lab in row_labels)
        cards.append(f'<div class="le-rowlabels">{labels}</div>')
    for i, imgs in enumerate(columns):
        cap = f'<span class="le-cap">{html.escape(captions[i])}</span>' if captions and captions[i] else ""
        cards.append(f'<div class="le-card">{"".join(_thumb(im, size) for im in imgs)}{cap}</div>')
    return f'<div class="le-gallery" style="--thumb:{int(size)}px">{"".join(cards)}</div>'


def gallery(columns, captions=None, row_labels=None, size: int = 64, target=st) -> None:
    target.markdown(gallery_html(columns, captions, row_labels, size), unsafe_allow_html=True)


def digit_image(img, scale: int = 10):
    """(28, 28) in [0, 1] -> a large, crisp PIL image (nearest-neighbour upscaling)."""
    return vae_core.to_pil(img, scale)


def show(img, caption: str | None = None, target=st) -> None:
    """A PIL picture at its own pixel size (at most its column's width), inline."""
    picture(img, caption, img.width, crisp=True, target=target)


def image_rows(rows: list[tuple[str, list]], captions: list[str] | None = None, size: int = 64) -> None:
    """Rows of digit images, each row a label and a list of (28, 28) arrays (or RGB (28, 28, 3)), shown as one
    gallery of cards (image i of every row stacked, captions[i] under it)."""
    n = max(len(imgs) for _, imgs in rows)
    columns = [[imgs[i] for _, imgs in rows if i < len(imgs)] for i in range(n)]
    gallery(columns, captions, [label for label, _ in rows], size)


def digit_row(images, captions: list[str] | None = None, per_row: int | None = None, size: int = 64) -> None:
    """Images (N, 28, 28) in [0, 1] side by side (wrapping as the screen needs), each with its caption."""
    gallery([[img] for img in images], captions, size=size)


def labelled_strip(label: str, images, scale: int = 2) -> None:
    """One row: a bold label, then the images as one strip picture (below the label on a narrow screen)."""
    pic = vae_core.grid_image(np.asarray(images), pad=2, scale=scale, pad_value=0.35)
    st.markdown(f"**{html.escape(label)}**")
    picture(pic, width=pic.width, crisp=True)


# ---------------------------------------------------------------------------------------------- tables

def markdown_table(head: list[str], rows: list[list[str]], align: str = "---:") -> str:
    """A markdown table: `head` cells, then rows of cells; "|" inside a cell is escaped. `align` is every
    column's rule ("---:" right-aligned numbers), or a list of rules, one per column."""
    rules = align if isinstance(align, list) else [align] * len(head)

    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"
    return "\n".join([line(head), "|" + "|".join(rules) + "|"] + [line(r) for r in rows])
