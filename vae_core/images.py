"""The old name of vae_core.pictures_in (pictures in -> digit tensors), kept while ui/ and pages/ import it."""
from .pictures_in import *  # noqa: F401,F403
from .pictures_in import FORMATS, MAX_IMAGE_BYTES, MAX_PIXELS, WORK_SIDE, digit_tensor  # noqa: F401
