EN = {
    "explore.intro": "Every point of this square is a **code**: two numbers, z₁ and z₂, that the decoder turns "
                     "into a picture. Drag the point and watch the digit change.",
    "explore.more": "z₁ runs across, z₂ up. The model chose what they mean while it learned, so they have no fixed "
                    "meaning, but nearby points give similar pictures. Try to find the spot where a 4 turns into a "
                    "9. The sliders move the same point; the grid below shows the whole square at once.",
    "explore.settings": "Range and grid settings",
    "explore.range": "Range of the axes (±)",
    "explore.range_help": "Most codes lie within ±3 (random codes land there 99.7 % of the time); far outside, "
                          "the decoder has never seen a code and draws blobs.",
    "explore.grid_n": "Pictures per row",
    "explore.spacing": "Grid spacing",
    "explore.spacing.linear": "Even",
    "explore.spacing.gaussian": "Denser in the middle",
    "explore.spacing_help": "Even: equal steps. Denser in the middle: more pictures where most codes lie, as in "
                            "Kingma & Welling's figure (the mathematics is under \"For the curious\").",
    "explore.sample_prior": "Random code",
    "explore.sample_prior_help": "Pick a random code from the cloud around (0, 0), the kind of code the decoder "
                                 "learned to understand.",
    "explore.manifold": "The whole square: the decoder's picture at every point of a grid",
    "explore.manifold_caption": "The red circle marks your point. Neighbouring points give similar pictures: there "
                                "are no sudden jumps in a VAE's square of codes.",
}
TR = {
    "explore.intro": "Bu karenin her noktası bir **kod**dur: çözücünün resme çevirdiği iki sayı, z₁ ve z₂. "
                     "Noktayı sürükleyin ve rakamın değişimini izleyin.",
    "explore.more": "z₁ yatayda, z₂ dikeyde. Ne anlama geldiklerini model öğrenirken seçti; bu yüzden sabit bir "
                    "anlamları yok, ama yakın noktalar benzer resimler verir. Bir 4'ün 9'a dönüştüğü yeri bulmaya "
                    "çalışın. Kaydırıcılar aynı noktayı oynatır; aşağıdaki ızgara karenin tamamını bir arada gösterir.",
    "explore.settings": "Aralık ve ızgara ayarları",
    "explore.range": "Eksenlerin aralığı (±)",
    "explore.range_help": "Kodların çoğu ±3 içinde kalır (rastgele kodlar %99,7 oraya düşer); çok dışarıda çözücü "
                          "hiç kod görmemiştir ve lekeler çizer.",
    "explore.grid_n": "Satır başına resim",
    "explore.spacing": "Izgara aralıkları",
    "explore.spacing.linear": "Eşit",
    "explore.spacing.gaussian": "Ortada daha sık",
    "explore.spacing_help": "Eşit: eşit adımlar. Ortada daha sık: kodların çoğunun bulunduğu yerde daha çok resim, "
                            "Kingma ve Welling'in şeklindeki gibi (matematiği \"Merak edenlere\" bölümünde).",
    "explore.sample_prior": "Rastgele kod",
    "explore.sample_prior_help": "Çözücünün anlamayı öğrendiği türden, (0, 0) çevresindeki buluttan rastgele bir "
                                 "kod seçin.",
    "explore.manifold": "Karenin tamamı: çözücünün bir ızgaranın her noktasındaki resmi",
    "explore.manifold_caption": "Kırmızı daire sizin noktanızdır. Komşu noktalar benzer resimler verir: bir VAE'nin "
                                "kod karesinde ani sıçramalar yoktur.",
}
