"""The library's error types: each message is one sentence a teacher or student can act on."""


class VAEError(Exception):
    """Base class for every error the library raises on bad input."""


class DataError(VAEError):
    """A data file is missing, truncated or not what it should be; or no data source worked."""


class CheckpointError(VAEError):
    """A model file cannot be loaded: not safetensors, wrong keys or shapes, too large, non-finite, ..."""


class ImageError(VAEError):
    """An uploaded image cannot be turned into a digit."""
