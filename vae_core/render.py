"""The old name of vae_core.pictures_out (tensors -> pictures), kept while ui/ imports it."""
from .pictures_out import *  # noqa: F401,F403
