EN = {
    "explore.intro": "Move the point through the latent space: the decoder draws the digit at that point, live in "
                     "your browser.",
    "explore.more": "Each point z = (z₁, z₂) of the latent space is a code, and the decoder p(x|z) turns it into a "
                    "picture. The sliders move the same point; the grid below shows the whole map at once.",
    "explore.settings": "Range and grid settings",
    "explore.range": "Range of the axes (±)",
    "explore.range_help": "Most codes lie within ±3 (the prior N(0, I) puts 99.7% of its mass there); far outside, "
                          "the decoder has seen no training codes and draws blobs.",
    "explore.grid_n": "Images per row",
    "explore.spacing": "Grid spacing",
    "explore.spacing.linear": "Even",
    "explore.spacing.gaussian": "By the Gaussian (inverse CDF)",
    "explore.spacing_help": "Even: equal steps in z. Gaussian: equal steps in probability under N(0, 1), as in "
                            "Kingma & Welling's figure, so the busy middle gets more images.",
    "explore.sample_prior": "Sample from the prior",
    "explore.sample_prior_help": "Draw z from N(0, I), the distribution the decoder is trained to understand.",
    "explore.manifold": "The latent manifold: the decoder's picture at every grid point",
    "explore.manifold_caption": "The red circle marks the current z. Neighbouring points decode to similar pictures: "
                                "the VAE's latent space is continuous.",
}
TR = {
    "explore.intro": "Noktayı gizli alanda gezdirin: çözücü o noktadaki rakamı tarayıcınızda anında çizer.",
    "explore.more": "Gizli alanın her z = (z₁, z₂) noktası bir koddur ve çözücü p(x|z) onu bir görüntüye çevirir. "
                    "Kaydırıcılar aynı noktayı oynatır; aşağıdaki ızgara haritanın tamamını bir arada gösterir.",
    "explore.settings": "Aralık ve ızgara ayarları",
    "explore.range": "Eksenlerin aralığı (±)",
    "explore.range_help": "Kodların çoğu ±3 içinde kalır (önsel N(0, I) kütlesinin %99,7'sini oraya koyar); çok "
                          "dışarıda çözücü hiç eğitim kodu görmemiştir ve lekeler çizer.",
    "explore.grid_n": "Satır başına görüntü",
    "explore.spacing": "Izgara aralıkları",
    "explore.spacing.linear": "Eşit",
    "explore.spacing.gaussian": "Gauss dağılımına göre (ters BDF)",
    "explore.spacing_help": "Eşit: z'de eşit adımlar. Gauss: N(0, 1) altında olasılıkta eşit adımlar (Kingma ve "
                            "Welling'in şeklindeki gibi); böylece kalabalık orta bölge daha çok görüntü alır.",
    "explore.sample_prior": "Önselden örnek çek",
    "explore.sample_prior_help": "z'yi, çözücünün anlamak üzere eğitildiği N(0, I) dağılımından çek.",
    "explore.manifold": "Gizli manifold: çözücünün her ızgara noktasındaki görüntüsü",
    "explore.manifold_caption": "Kırmızı daire şu anki z'yi gösterir. Komşu noktalar benzer görüntülere çözülür: "
                                "VAE'nin gizli alanı süreklidir.",
}
