"""vae_core.anomaly: the plain loss and the typicality score (a blank page and an inverted digit), the
per-image estimator, ranking and percentiles."""
from __future__ import annotations

import numpy as np
import pytest

import vae_core


@pytest.fixture(scope="module")
def test_losses(vae_model, test_set):
    x, y = test_set
    return vae_core.per_image_losses(vae_model, x, y)["loss"].numpy()


def test_typicality_puts_a_blank_image_and_an_inverted_digit_above_the_median(vae_model, test_set, test_losses):
    x, _ = test_set
    odd = np.stack([np.zeros((28, 28), np.float32), 1.0 - x[0, 0].numpy()])
    odd_losses = vae_core.image_losses(vae_model, odd)
    scores = vae_core.anomaly_scores(test_losses, "typicality")
    odd_scores = vae_core.anomaly_scores(odd_losses, "typicality", reference=test_losses)
    assert (odd_scores > np.median(scores)).all(), (odd_losses, np.median(test_losses))
    # ranked together with the test set, both land in the unusual half
    ranked = vae_core.anomaly_scores(np.concatenate([test_losses, odd_losses]), "typicality",
                                     reference=test_losses)
    unusual, _ = vae_core.rank_by_score(ranked, k=len(ranked) // 2)
    assert {len(test_losses), len(test_losses) + 1} <= set(unusual.tolist())


def test_plain_loss_ranks_an_inverted_digit_top_but_has_the_blank_page_blind_spot(vae_model, test_set,
                                                                                   test_losses):
    """The page's explanation rests on this: by plain loss (negative ELBO) an inverted digit is more unusual
    than every test digit, but a blank page gets a LOWER loss than the median digit (Nalisnick et al., 2019)."""
    x, _ = test_set
    inverted = vae_core.image_losses(vae_model, (1.0 - x[0, 0].numpy())[None])[0]
    blank = vae_core.image_losses(vae_model, np.zeros((1, 28, 28), np.float32))[0]
    assert vae_core.fraction_below(test_losses, inverted) == 1.0
    assert blank < np.median(test_losses)


def test_image_losses_is_the_test_set_estimator_for_any_image_shape(vae_model, cvae_model, test_set):
    x, y = test_set
    ref = vae_core.per_image_losses(vae_model, x[:5])["loss"].numpy()
    np.testing.assert_allclose(vae_core.image_losses(vae_model, x[:5, 0].numpy()), ref, rtol=1e-6)
    np.testing.assert_allclose(vae_core.image_losses(vae_model, x[:5]), ref, rtol=1e-6)
    # a conditional model: one class for all images, or one per image
    three = x[:3, 0].numpy()
    same = vae_core.image_losses(cvae_model, three, int(y[0]))
    ref = vae_core.per_image_losses(cvae_model, x[:3], y[:1].expand(3))["loss"].numpy()
    np.testing.assert_allclose(same, ref, rtol=1e-6)
    each = vae_core.image_losses(cvae_model, three, y[:3].numpy())
    np.testing.assert_allclose(each, vae_core.per_image_losses(cvae_model, x[:3], y[:3])["loss"].numpy(), rtol=1e-6)


def test_rank_by_score_and_fraction_below():
    s = np.array([3.0, 1.0, 4.0, 1.5, 9.0, 2.0])
    unusual, typical = vae_core.rank_by_score(s, k=2)
    assert unusual.tolist() == [4, 2] and typical.tolist() == [1, 3]
    u, t = vae_core.rank_by_score(s, k=100)
    assert len(u) == len(t) == 6
    assert vae_core.fraction_below(s, 2.5) == pytest.approx(3 / 6)
    assert vae_core.anomaly_scores([1.0, 3.0], "typicality").tolist() == [1.0, 1.0]
    with pytest.raises(ValueError):
        vae_core.anomaly_scores(s, "nonsense")
