"""vae_core: a small, UI-free library for 2-D-latent variational autoencoders on MNIST-like data.

    import vae_core
    model = vae_core.pretrained("mnist-vae")        # eval mode, shared read-only
    q = model.posterior(x)                          # x (N, 1, 28, 28) in [0, 1] -> q(z|x), a DiagonalGaussian
    probs = model.decode(q.mean)                    # (N, 1, 28, 28)

The command lines are `python -m vae_core.train` and `python -m vae_core.evaluate` (vae_core/cli/).
"""
from .anomaly import SCORES, anomaly_scores, fraction_below, image_losses, rank_by_score
from .checkpoint import load_model, pretrained, pretrained_names, save_model, to_bytes
from .config import KINDS, ModelConfig, TrainConfig
from .data import DATASETS, Dataset, load_dataset
from .errors import CheckpointError, DataError, ImageError, VAEError
from .gaussian import LOG2PI, DiagonalGaussian
from .jobs import JobState, TrainingJob, TrainingQueue
from .knn import KNN, PixelKNN, knn_accuracy, nearest
from .latent import (decode_grid, decode_points, decode_prior, encode_dataset, every_class, grid_values,
                     interpolate, latent_path, log_likelihood_grid, pixel_blend, posterior_grid, posterior_samples,
                     prior_draw, reconstruct, restyle)
from .losses import LossParts, kl_normal, kl_per_dim, neg_elbo
from .metrics import (LatentSummary, PriorScore, latent_summary, log_likelihood_is, mean_losses, per_image_losses,
                      prior_sample_score)
from .model import VAE, as_labels
from .noise import NOISE_KINDS, class_kept, class_means, corrupt, damage, nearest_mean, parse_damage
from .pictures_in import EmptyImage, canvas_to_digit, image_to_digit, open_image, to_mnist
from .pictures_out import ManifoldPicture, diff_image, gif_bytes, grid_image, png_bytes, rgb_pil, to_pil
from .posterior import PosteriorReport, ellipse, ellipse_mass, posterior_report
from .training import Progress, TrainResult, build_model, default_device, fit
from . import pictures_in  # noqa: E402,F401  (vae_core.pictures_in.MAX_IMAGE_BYTES, digit_tensor)

__all__ = [
    # models, configs, files
    "VAE", "KINDS", "ModelConfig", "TrainConfig", "build_model", "as_labels",
    "load_model", "pretrained", "pretrained_names", "save_model", "to_bytes",
    # data and errors
    "DATASETS", "Dataset", "load_dataset", "VAEError", "CheckpointError", "DataError", "ImageError", "EmptyImage",
    # training
    "fit", "Progress", "TrainResult", "default_device", "JobState", "TrainingJob", "TrainingQueue",
    # the Gaussian q(z|x) and the loss
    "DiagonalGaussian", "LOG2PI", "LossParts", "neg_elbo", "kl_normal", "kl_per_dim",
    # the latent space
    "encode_dataset", "grid_values", "decode_grid", "decode_points", "interpolate", "latent_path", "pixel_blend",
    "prior_draw", "decode_prior", "every_class", "restyle", "posterior_samples", "posterior_grid",
    "log_likelihood_grid", "reconstruct",
    # how good a model is
    "per_image_losses", "mean_losses", "log_likelihood_is", "LatentSummary", "latent_summary",
    "PriorScore", "prior_sample_score",
    # nearest neighbours
    "KNN", "PixelKNN", "knn_accuracy", "nearest",
    # the true posterior, damage, anomalies
    "PosteriorReport", "posterior_report", "ellipse", "ellipse_mass",
    "NOISE_KINDS", "corrupt", "damage", "parse_damage", "class_kept", "class_means", "nearest_mean",
    "SCORES", "anomaly_scores", "rank_by_score", "fraction_below", "image_losses",
    # pictures in and out
    "open_image", "to_mnist", "image_to_digit", "canvas_to_digit",
    "to_pil", "rgb_pil", "grid_image", "png_bytes", "gif_bytes", "diff_image", "ManifoldPicture",
]
