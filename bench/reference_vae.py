"""The reference: a training loop written the way pytorch/examples' vae/main.py is (DataLoader, batch 128,
Adam 1e-3, summed BCE + KL, loss.item() every step), with the seed architecture (784-256-128-2). torchvision
does not import beside the CPU torch here, so the dataset is a torch Dataset over the same IDX arrays that
converts each sample like transforms.ToTensor() does (uint8 HxW -> float (1, H, W) / 255)."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset


class IDXDataset(Dataset):
    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = torch.from_numpy(self.images[i].copy()).unsqueeze(0).float().div(255)  # like ToTensor()
        return img, int(self.labels[i])


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        self.fc21 = nn.Linear(128, 2)
        self.fc22 = nn.Linear(128, 2)
        self.fc3 = nn.Linear(2, 128)
        self.fc4 = nn.Linear(128, 256)
        self.fc5 = nn.Linear(256, 784)

    def encode(self, x):
        h = F.relu(self.fc2(F.relu(self.fc1(x))))
        return self.fc21(h), self.fc22(h)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        return torch.sigmoid(self.fc5(F.relu(self.fc4(F.relu(self.fc3(z))))))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    # Reconstruction + KL divergence losses summed over all elements and batch (Kingma & Welling, Appendix B)
    bce = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def train_epoch(model, optimizer, loader):
    model.train()
    train_loss = 0.0
    for data, _ in loader:
        optimizer.zero_grad()
        recon, mu, logvar = model(data)
        loss = loss_function(recon, data, mu, logvar)
        loss.backward()
        train_loss += loss.item()
        optimizer.step()
    return train_loss / len(loader.dataset)


def test(model, loader):
    model.eval()
    test_loss = 0.0
    with torch.no_grad():
        for data, _ in loader:
            recon, mu, logvar = model(data)
            test_loss += loss_function(recon, data, mu, logvar).item()
    return test_loss / len(loader.dataset)


def make_loaders(ds, batch_size=128):
    train = DataLoader(IDXDataset(ds.train_images, ds.train_labels), batch_size=batch_size, shuffle=True)
    test_ = DataLoader(IDXDataset(ds.test_images, ds.test_labels), batch_size=batch_size, shuffle=False)
    return train, test_
