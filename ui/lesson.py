"""Two levels of words on every page: the page speaks plainly (its strings), and the mathematics waits one click
away in a collapsed "For the curious" expander, `curious(page)`, with the formulas drawn by st.latex. Also the one
way a test digit is named everywhere ("a 3, number 12": its class and its number within the class)."""
from __future__ import annotations

import errno
import logging
import re

import numpy as np
import streamlit as st

import vae_core
from ui.i18n import class_names, lang, t, translate

log = logging.getLogger(__name__)

# Each page's mathematics, in reading order: ("md", string key) for a sentence, ("tex", LaTeX) for a formula.
# The sentences are in ui/strings/lesson.py (English and Turkish); formulas are the same in both languages.
MATH: dict[str, list[tuple[str, str]]] = {
    "home": [
        ("md", "math.home.1"),
        ("tex", r"q_\phi(z \mid x) = \mathcal{N}\!\big(\mu(x),\ \operatorname{diag}\sigma^2(x)\big)"),
        ("md", "math.home.2"),
        ("tex", r"z = \mu + \sigma \odot \varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, I)"),
        ("md", "math.home.3"),
        ("tex", r"-\mathrm{ELBO}(x) = -\,\mathbb{E}_{q(z|x)}\big[\log p_\theta(x \mid z)\big]"
                r" + \mathrm{KL}\big(q(z|x)\,\|\,\mathcal{N}(0, I)\big)"),
        ("md", "math.home.4"),
        ("tex", r"\mathrm{KL} = \tfrac12 \sum_{d=1}^{2} \big(\mu_d^2 + \sigma_d^2 - 1 - \log \sigma_d^2\big)"),
        ("md", "math.nats"),
    ],
    "explore": [
        ("md", "math.explore.1"),
        ("tex", r"\hat{x} = \mathbb{E}\,[x \mid z] = \operatorname{sigmoid}\big(f_\theta(z)\big) \in [0, 1]^{784}"),
        ("md", "math.explore.2"),
        ("tex", r"z_i = \Phi^{-1}(u_i), \qquad u_i = \tfrac{i - 1/2}{n},\ i = 1, \dots, n"),
    ],
    "latent_map": [
        ("md", "math.map.1"),
        ("tex", r"x \;\mapsto\; \mu(x) = (z_1, z_2)"),
        ("md", "math.map.2"),
        ("tex", r"P\big(\lVert z \rVert \le r\big) = 1 - e^{-r^2/2}"),
    ],
    "recon": [
        ("md", "math.recon.1"),
        ("tex", r"\mathcal{L}_{\mathrm{rec}}(x) = -\sum_{i=1}^{784} \big[x_i \log \hat{x}_i + (1 - x_i)\log(1 - \hat{x}_i)\big]"),
        ("md", "math.nats"),
    ],
    "posterior": [
        ("md", "math.post.1"),
        ("tex", r"p(z \mid x) = \frac{p(x \mid z)\, p(z)}{p(x)}, \qquad p(x) = \int p(x \mid z)\, p(z)\, dz"),
        ("md", "math.post.2"),
        ("tex", r"\log p(x) = \mathrm{ELBO}(x) + \mathrm{KL}\big(q(z|x)\,\|\,p(z|x)\big) \;\ge\; \mathrm{ELBO}(x)"),
        ("md", "math.post.3"),
    ],
    "interpolate": [
        ("md", "math.interp.1"),
        ("tex", r"z(t) = (1 - t)\, \mu(x_A) + t\, \mu(x_B), \qquad t \in [0, 1]"),
        ("md", "math.interp.2"),
        ("tex", r"x(t) = (1 - t)\, x_A + t\, x_B"),
    ],
    "draw": [
        ("md", "math.draw.1"),
        ("tex", r"E_k = \Big\{ z : \sum_d \tfrac{(z_d - \mu_d)^2}{\sigma_d^2} \le k^2 \Big\}"),
        ("md", "math.draw.2"),
        ("tex", r"d_i = \lVert \mu(x) - \mu(x_i) \rVert_2"),
    ],
    "anomalies": [
        ("md", "math.anom.1"),
        ("tex", r"\min_{\phi,\theta}\ \mathbb{E}_{x,\ \tilde{x} = D(x)}\Big[-\mathbb{E}_{q_\phi(z|\tilde{x})}"
                r"\log p_\theta(x \mid z) + \mathrm{KL}\big(q_\phi(z|\tilde{x})\,\|\,\mathcal{N}(0, I)\big)\Big]"),
        ("md", "math.anom.2"),
        ("tex", r"\hat{c}(\hat{x}) = \arg\min_c \lVert \hat{x} - m_c \rVert_2"),
        ("md", "math.anom.3"),
        ("tex", r"s_1(x) = -\mathrm{ELBO}(x), \qquad s_2(x) = \big|{-\mathrm{ELBO}(x)} - "
                r"\overline{(-\mathrm{ELBO})}\big|"),
    ],
    "compare": [
        ("md", "math.cmp.1"),
        ("tex", r"\mathcal{L}_{\mathrm{AE}} = -\log p(x \mid z{=}\mu(x)), \qquad "
                r"\mathcal{L}_{\mathrm{VAE}} = -\mathbb{E}_{q(z|x)}\log p(x \mid z) + \mathrm{KL}\big(q(z|x)\,\|\,\mathcal{N}(0, I)\big)"),
        ("md", "math.cmp.2"),
        ("tex", r"H = -\sum_{c=0}^{9} p_c \log_2 p_c, \qquad 0 \le H \le \log_2 10 \approx 3.32"),
        ("md", "math.cmp.4"),
        ("md", "math.cmp.3"),
        ("tex", r"z_k = z_A + \tfrac{k}{15}\,(z_B - z_A), \qquad \Delta_k = \sqrt{\tfrac{1}{784} \sum_{i=1}^{784}"
                r"\big(\hat{x}_i(z_{k+1}) - \hat{x}_i(z_k)\big)^2}, \qquad k = 0, \dots, 14"),
        ("tex", r"J = \frac{\max_k \Delta_k}{\tfrac{1}{15} \sum_{k=0}^{14} \Delta_k} \;\ge 1"),
        ("md", "math.cmp.5"),
        ("tex", r"s = \tfrac12 \sum_{d=1}^{2} \operatorname{std}_x\, \mu_d(x)"),
    ],
    "beta": [
        ("md", "math.beta.1"),
        ("tex", r"\mathcal{L}_\beta(x) = -\mathbb{E}_{q(z|x)}\log p(x \mid z) + \beta\, \mathrm{KL}\big(q(z|x)\,\|\,\mathcal{N}(0, I)\big)"),
        ("md", "math.beta.2"),
        ("tex", r"\mathrm{KL}_d = \tfrac12\, \mathbb{E}_x\big[\mu_d^2 + \sigma_d^2 - 1 - \log \sigma_d^2\big] \ \ge 0, "
                r"\qquad \mathrm{KL}_d = 0 \iff q(z_d|x) = \mathcal{N}(0, 1)\ \forall x"),
        ("md", "math.nats"),
    ],
    "cvae": [
        ("md", "math.cvae.1"),
        ("tex", r"q_\phi(z \mid x, c), \qquad p_\theta(x \mid z, c), \qquad "
                r"\mathrm{ELBO}(x, c) = \mathbb{E}_{q(z|x,c)}\log p(x \mid z, c) - \mathrm{KL}\big(q(z|x,c)\,\|\,\mathcal{N}(0, I)\big)"),
        ("md", "math.cvae.2"),
    ],
    "train": [
        ("md", "math.train.1"),
        ("tex", r"\theta \leftarrow \theta - \eta\, \widehat{\nabla_\theta}\, \frac{1}{B}\sum_{b=1}^{B} -\mathrm{ELBO}(x_b)"),
        ("md", "math.train.2"),
        ("md", "math.nats"),
    ],
    "classview": [
        ("md", "math.cls.1"),
        ("tex", r"W = E \cdot N \cdot \sum_{\ell} n_{\ell - 1}\, n_\ell"),
        ("md", "math.cls.2"),
        ("tex", r"p = \operatorname{median}_k \frac{t_k}{W_k}, \qquad T_j = p\, W_j, \qquad "
                r"R_j = t_j\, \frac{1 - f_j}{f_j}"),
        ("md", "math.cls.3"),
        ("tex", r"s_j = \min_{\mathrm{slots}} e, \qquad e_j = s_j + T_j, \qquad "
                r"\mathrm{clear} = \max_j e_j"),
    ],
}


def curious(page: str) -> None:
    """The page's mathematics in a collapsed "For the curious" expander (sentences in the page's language,
    formulas drawn by st.latex). One line per page: `curious("posterior")`.

    The expander is lazy (on_change="rerun"): its contents are sent only once it is opened, so a first visit
    does not download and run KaTeX (84 kB compressed, and its layout work on a slow laptop) for formulas
    nobody has asked to see yet. Opening it reruns the page once; it stays open across reruns."""
    box = st.expander(t("lesson.curious"), icon=":material/functions:", expanded=False, key=f"curious_{page}",
                      on_change="rerun")
    with box:
        if not box.open:
            return
        for kind, value in MATH[page]:
            if kind == "tex":
                st.latex(value)
            else:
                st.markdown(t(value))


def number_in_class(labels, idx: int) -> int:
    """The place of test digit `idx` among the test digits of its own class, counting from 0 in test-set order
    (the number the class-and-number picker shows)."""
    labels = np.asarray(labels)
    return int(np.count_nonzero(labels[:int(idx)] == labels[int(idx)]))


def digit_name(labels, idx: int, names: list[str], code: str | None = None) -> str:
    """The one way a test digit is named on every page: its class and its number within the class,
    "A 3, number 12" ("12 numaralı 3" in Turkish), the numbers the class-and-number picker uses. `code` fixes
    the language (for a selectbox's format_func, which Streamlit may call after the run)."""
    return translate(code or lang(), "lesson.digit", cls=names[int(labels[int(idx)])], k=number_in_class(labels, idx))


def test_digit_name(active, idx: int) -> str:
    """digit_name of test digit `idx` of the active model's dataset."""
    from ui.data import dataset
    return digit_name(dataset(active.dataset).test_labels, idx, class_names(active.dataset))


# The library's messages (vae_core raises English sentences) that a page may show, in the page's language:
# (pattern, string key, names of the groups passed as values).
_REASONS = [
    # a picture that cannot be used (vae_core.pictures_in)
    (re.compile(r"the image file is ([\d.]+) MB; the limit is (\d+) MB"), "err.image_mb", ("mb", "limit")),
    (re.compile(r"the file is empty"), "err.file_empty", ()),
    (re.compile(r"the image is (\d+)x(\d+) pixels; the limit is (\d+) megapixels"), "err.image_px", ("w", "h", "limit")),
    (re.compile(r"the image has no pixels"), "err.no_pixels", ()),
    (re.compile(r"too large to open safely \(over (\d+) megapixels"), "err.too_large", ("limit",)),
    (re.compile(r"not an image that can be read here"), "err.not_image", ()),
    (re.compile(r"could not be read; it (is damaged|may be truncated)"), "err.damaged", ()),
    (re.compile(r"needs too much memory"), "err.memory", ()),
    (re.compile(r"colour format could not be converted"), "err.colour", ()),
    # the training queue and its workers (vae_core.jobs)
    (re.compile(r"the training queue is full \((\d+) waiting\)"), "err.queue_full", ("n",)),
    (re.compile(r"the training workers could not start"), "err.workers_start", ()),
    (re.compile(r"no training worker is connected"), "err.no_worker", ()),
    (re.compile(r"the training cluster was lost"), "err.cluster_lost", ()),
    # a saved model (vae_core.checkpoint): these two name a server folder
    (re.compile(r"the model file .* does not exist"), "err.model_gone", ()),
    (re.compile(r"the model file .* cannot be read"), "err.model_unreadable", ()),
]

# OSError numbers a student can understand; any other OSError is "err.disk".
_OS_REASONS = {errno.ENOSPC: "err.disk_full", errno.EDQUOT: "err.disk_full", errno.EACCES: "err.disk_denied",
               errno.EPERM: "err.disk_denied", errno.EROFS: "err.disk_denied"}


def reason(error: Exception | str) -> str:
    """Why something failed, as a sentence in the session's language: the one way a page shows an error.

    The library's known sentences are translated; a data error or a disk error becomes a plain sentence (their
    English text names server folders, which students must not see: the full text goes to the server's log for
    the teacher); anything else is given as it is, marked as English where the page is not."""
    if isinstance(error, vae_core.DataError):
        log.warning("data not available: %s", error)
        return t("err.data_missing" if "is not available" in str(error) else "err.data_damaged")
    if isinstance(error, OSError):
        log.warning("disk error: %s", error)
        return t(_OS_REASONS.get(error.errno, "err.disk"))
    text = str(error)
    for pattern, key, names in _REASONS:
        m = pattern.search(text)
        if m:
            return t(key, **dict(zip(names, m.groups())))
    return t("err.untranslated", reason=text)
