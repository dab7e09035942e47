"""vae_core: a small, UI-free library for 2-D-latent variational autoencoders on MNIST-like data.

    import vae_core
    model = vae_core.pretrained("mnist-vae")        # eval mode, shared read-only
    mu, logvar = model.encode(x)                    # x (N, 1, 28, 28) in [0, 1]
    probs = model.decode(mu)                        # (N, 1, 28, 28)
"""
from .checkpoint import load_model, pretrained, pretrained_names, save_model, to_bytes
from .compare import (BETAS, LatentSummary, PixelKNN, PriorScore, class_agreement, class_means, decode_prior,
                      every_class, kl_per_dim_of, latent_summary, nearest_class, prior_draw, prior_sample_score,
                      quick_configs, restyle)
from .config import KINDS, ModelConfig, TrainConfig
from .data import DATASETS, Dataset, load_dataset
from .errors import CheckpointError, DataError, ImageError, VAEError
from .jobs import JobState, TrainingJob, TrainingQueue
from .images import EmptyImage, canvas_to_digit, image_to_digit, open_image, to_mnist
from .latent import (decode_grid, decode_points, encode_dataset, grid_values, interpolate, log_likelihood_grid,
                     posterior_grid, posterior_samples, reconstruct)
from .gaussian import DiagonalGaussian
from .losses import LossParts, kl_normal, kl_per_dim, neg_elbo
# `evaluate` (the function) stays in vae_core.metrics: `vae_core.evaluate` is the command-line module.
from .metrics import knn_accuracy, log_likelihood_is, per_image_losses
from .model import VAE
from .render import ManifoldPicture, diff_image, gif_bytes, grid_image, png_bytes, rgb_pil, to_pil
from .training import Progress, TrainResult, build_model, default_device, fit
# Teaching views: q(z|x) vs the true posterior, morphs, corruption, anomaly scores, latent neighbours.
from .anomaly import SCORES, anomaly_scores, fraction_below, image_losses, rank_by_score
from .morph import latent_path, pixel_blend
from .neighbours import nearest
from .noise import NOISE_KINDS, corrupt, mean_sq_error
from .posterior import PosteriorReport, ellipse, ellipse_mass, posterior_report

__all__ = [name for name in dir() if not name.startswith("_")]
