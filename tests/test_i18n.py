"""ui.i18n: the English and Turkish tables match key for key and placeholder for placeholder, and every Turkish
string is really translated (identical only for names, numbers and symbols)."""
from __future__ import annotations

import importlib
import pkgutil
import re
import string

import pytest

from ui import i18n, strings

# Words that are spelled the same in English and Turkish text of this app: names, acronyms, notation.
SAME_IN_BOTH = {"model", "vae", "ae", "cvae", "mnist", "fashion", "kl", "elbo", "log", "exp"}


def fields(text: str) -> list[tuple[str, str]]:
    """The {placeholders} of a format string as (name, format spec), sorted; ValueError if braces are broken."""
    return sorted((name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def only_names_numbers_symbols(text: str) -> bool:
    """True if `text` has no word that needs translating: after dropping {placeholders}, every word is a
    single letter (math), an acronym in capitals, or in SAME_IN_BOTH."""
    bare = re.sub(r"\{[^{}]*\}", " ", text)
    words = "".join(c if c.isalpha() else " " for c in bare).split()   # letters only: "z₁" -> "z"
    return all(len(w) == 1 or (w.isupper() and len(w) <= 6) or w.lower() in SAME_IN_BOTH for w in words)


def page_modules():
    return [importlib.import_module(f"ui.strings.{m.name}") for m in pkgutil.iter_modules(strings.__path__)]


def test_same_keys():
    en, tr = set(i18n.EN), set(i18n.TR)
    assert not en - tr, f"missing in TR: {sorted(en - tr)}"
    assert not tr - en, f"missing in EN: {sorted(tr - en)}"
    assert len(en) > 50


@pytest.mark.parametrize("mod", page_modules(), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_page_module_has_the_same_keys(mod):
    assert set(mod.EN) == set(mod.TR), f"{mod.__name__}: {sorted(set(mod.EN) ^ set(mod.TR))}"
    assert isinstance(mod.EN, dict) and mod.EN, f"{mod.__name__} has no strings"


def test_same_placeholders_per_key():
    bad = {k: (fields(i18n.EN[k]), fields(i18n.TR[k])) for k in i18n.EN
           if k in i18n.TR and fields(i18n.EN[k]) != fields(i18n.TR[k])}
    assert not bad, f"placeholders differ: {bad}"


def test_every_string_formats():
    for lang, table in i18n.STRINGS.items():
        for key, text in table.items():
            assert isinstance(text, str) and text.strip(), f"{lang} {key} is empty"
            values = {name: 1 for name, _ in fields(text)}
            try:
                text.format(**values)
            except (KeyError, IndexError, ValueError) as e:
                pytest.fail(f"{lang} {key!r} does not format: {e}")


def test_turkish_is_translated():
    same = {k: v for k, v in i18n.EN.items() if i18n.TR.get(k) == v and not only_names_numbers_symbols(v)}
    assert not same, f"TR identical to EN (untranslated?): {same}"


def test_whitelist_is_narrow():
    assert only_names_numbers_symbols("MNIST VAE")
    assert only_names_numbers_symbols("0|1|2|3|4|5|6|7|8|9")
    assert only_names_numbers_symbols("z₁ = {z1}, z₂ = {z2}")
    assert only_names_numbers_symbols("KL(q ‖ p(z))")
    assert not only_names_numbers_symbols("Train")
    assert not only_names_numbers_symbols("Latent map of {n} digits")


def test_translate():
    assert i18n.translate("tr", "app.title") == i18n.TR["app.title"]
    assert i18n.translate("xx", "app.title") == i18n.EN["app.title"], "unknown language -> English"
    assert i18n.translate("en", "no.such.key") == "no.such.key"
    assert i18n.translate("en", "side.upload_ok", name="my-vae") == "Loaded my-vae."


@pytest.mark.parametrize("value, digits, code, group, expected", [
    (12.5, 1, "en", False, "12.5"), (12.5, 1, "tr", False, "12,5"),
    (-0.256, 2, "en", False, "-0.26"), (-0.256, 2, "tr", False, "-0,26"),
    (10_000, 0, "en", True, "10,000"), (10_000, 0, "tr", True, "10.000"),
    (1_234_567.891, 2, "en", True, "1,234,567.89"), (1_234_567.891, 2, "tr", True, "1.234.567,89"),
    (10_000, 0, "tr", False, "10000"),                # not grouped unless asked
    (3, 1, "xx", False, "3.0"),                        # an unknown language writes numbers as English does
])
def test_format_number(value, digits, code, group, expected):
    assert i18n.format_number(value, digits, code, group=group) == expected


def test_number_marks_differ_in_each_language():
    for code in i18n.LANGS:
        decimal, thousands = i18n.MARKS[code]
        assert decimal != thousands
