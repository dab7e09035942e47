"""Caches of what is computed from one model (its test-set codes, maps, pictures, the pad's weights...).

A class server sees the shipped models all day and, besides, every model its students train, save or upload:
thirty new models a lesson, each with its own cache entries. `per_model` keeps a shipped model's results for the
life of the server and lets the others' expire one lesson after they were made (VAE_MODEL_CACHE_TTL seconds,
default 40 minutes): the next class's entries take the room of the last one's instead of piling up on it
(bench/soak.py measured the growth; BENCHMARKS.md, the soak). A student still using their model after that waits
once for its results to be made again."""
from __future__ import annotations

import functools
import inspect
import os
import types

import streamlit as st

LESSON_S = 40 * 60.0


def lesson_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("VAE_MODEL_CACHE_TTL", LESSON_S)))
    except ValueError:
        return LESSON_S


def lasting(key: str) -> bool:
    """Whether the results of the model with this cache key are kept for the server's life (the shipped ones)."""
    return key.startswith("pretrained:")


def per_model(max_entries: int):
    """st.cache_resource for a function with an argument `key`, the cache key of the model it works on
    (ui.models.Active.key): entries of shipped models last, the others' expire after lesson_seconds()."""
    def wrap(fn):
        signature = inspect.signature(fn)
        kept = st.cache_resource(show_spinner=False, max_entries=max_entries)(fn)
        # A second cache needs a function of its own name: Streamlit keys a function's cache by module, qualified
        # name and source, and two caches of one key with different settings would replace each other.
        twin = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__)
        twin.__kwdefaults__ = fn.__kwdefaults__
        twin.__module__ = fn.__module__
        twin.__qualname__ = fn.__qualname__ + ".for_a_lesson"
        passing = st.cache_resource(show_spinner=False, max_entries=max_entries, ttl=lesson_seconds())(twin)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            key = signature.bind(*args, **kwargs).arguments["key"]
            return (kept if lasting(key) else passing)(*args, **kwargs)
        call.clear = lambda: (kept.clear(), passing.clear())
        return call
    return wrap
