"""A tiny app around the latent pad for the browser tests and the bench: the pad, then the two sliders it
drives, then a counter of script runs. Query parameters: model (a shipped name, "random" for an untrained
448-256 VAE whose weights are not exact in float16, "latent3" for one with a 3-D latent space, which the pad
cannot draw), dtype (auto / float32 / float16), bg, label, lang (en / tr).

    streamlit run tests/apps/pad_app.py
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import torch  # noqa: E402

import vae_core  # noqa: E402
from ui.models import Active, load_pretrained  # noqa: E402
from ui.pad import latent_pad  # noqa: E402

torch.set_num_threads(1)
st.set_page_config(page_title="Latent pad", layout="wide")


@st.cache_resource(show_spinner=False)
def random_model(latent: int = 2) -> vae_core.VAE:
    torch.manual_seed(0)
    return vae_core.VAE(vae_core.ModelConfig(latent_dim=latent, hidden=(448, 256))).eval()


q = st.query_params
st.session_state["lang"] = q.get("lang", "en")
name = q.get("model", "mnist-vae")
if st.toggle("switch to mnist-ae", key="switch"):     # the model changes on the same page
    name = "mnist-ae"
if name in ("random", "latent3"):
    model = random_model(3 if name == "latent3" else 2)
else:
    model = load_pretrained(name)
active = Active(model, f"test:{name}", name, getattr(model, "meta", {}).get("dataset", "mnist"))
st.session_state["runs"] = st.session_state.get("runs", 0) + 1
for k in ("z1", "z2"):
    st.session_state.setdefault(k, 0.0)

label = int(q.get("label", 3)) if model.config.conditional else None
latent_pad(active, key="pad", label=label, background=q.get("bg", "scatter"), dtype=q.get("dtype", "auto"))
st.slider("z1", -3.0, 3.0, step=0.05, key="z1")
st.slider("z2", -3.0, 3.0, step=0.05, key="z2")
st.markdown(f"runs={st.session_state['runs']} z=({st.session_state['z1']:.2f}, {st.session_state['z2']:.2f})")
