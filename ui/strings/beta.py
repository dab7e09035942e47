"""Words of the β and posterior collapse page (pages/beta.py) and of its chart (ui/views.beta_figure)."""

EN = {
    "beta.intro": (
        "The VAE's loss is **reconstruction loss + β · KL divergence**. With β = 1 it is the ELBO. Here the same small "
        "VAE is trained with several values of β, so you can see what the weight on the KL term does: the larger "
        "β, the harder every q(z|x) is pulled towards N(0, I)."),
    "beta.setup": "β = {betas}; each model: {hidden} hidden units, {epochs} epochs on the data chosen here. They are "
                  "trained once on this server and then shared with everyone who opens this page.",
    "beta.train_all": "Train the {n} models (about a minute)",
    "beta.train_missing": "Train the {n} missing models",
    "beta.train_help": "The trainings wait their turn in the server's training queue; you can keep using the app "
                       "meanwhile.",
    "beta.none_yet": "No β models have been trained on this server for this data yet. Press the button to train "
                     "them.",
    "beta.maps.title": "Where the test images land, for each β",
    "beta.maps.caption": "The codes μ of 1,500 test images, on the same axes (±{lim}) for every model.",
    "beta.col.numbers": "Reconstruction loss {recon} · KL {kl} (z₁ {kl1}, z₂ {kl2}) nats",
    "beta.legend": "Colours by class, in order: {classes} (the same colours as on the Latent map).",
    "beta.recon.title": "Reconstructions",
    "beta.recon.caption": "One test image of each class, redrawn by each model from its code μ. The last row is the "
                          "average of all test images: what a model draws when its code says nothing.",
    "beta.original": "Original",
    "beta.mean_image": "Average image",
    "beta.chart.title": "Reconstruction loss and KL against β",
    "beta.chart.recon": "Reconstruction loss (test set)",
    "beta.chart.kl": "KL divergence (test set)",
    "beta.table.beta": "β",
    "beta.table.mu": "mean |μ|",
    "beta.table.caption": "Nats per image on the test set; the VAE's reconstruction loss at a sampled z, as in "
                          "training. KL near 0 in a dimension means that dimension is switched off.",
    "beta.recon": "Reconstruction loss",
    "beta.kl": "KL",
    "beta.kl_dim": "KL z{d}",
    "beta.nats": "nats per image",
    "beta.explain.title": "What changes with β",
    "beta.explain": (
        "- **Small β (0.1): sharp but irregular.** The KL term hardly counts, so the model behaves almost like a "
        "plain autoencoder: the sharpest reconstructions, but the codes spread far beyond N(0, I), with gaps; "
        "random draws from N(0, I) do not cover what it learned.\n"
        "- **β = 1: the ELBO.** The balance the theory asks for: codes fill N(0, I), reconstructions still "
        "readable.\n"
        "- **Larger β (4): smooth but blurry.** Every extra nat of information in a code now costs four times as "
        "much, so the model keeps less detail: the classes overlap more and reconstructions become blurred "
        "averages of similar images.\n"
        "- **Very large β (16, 64): posterior collapse.** Keeping information costs more than it earns. First one "
        "latent dimension switches off (its KL falls to about 0 and its codes bunch at 0), then both: every image "
        "gets q(z|x) ≈ N(0, I), the codes say nothing about the input, and the decoder draws the same average "
        "image for everything, the one in the last row above.\n"
        "- The chart shows the trade: as β grows, the KL falls to 0 and the reconstruction loss rises to that of "
        "the average image."),
}

TR = {
    "beta.intro": (
        "VAE'nin kaybı **yeniden yapılandırma kaybı + β · KL ıraksaması** biçimindedir. β = 1 iken bu ELBO'dur. "
        "Burada aynı küçük VAE birkaç farklı β değeriyle eğitildi; böylece KL terimine verilen ağırlığın ne "
        "yaptığını görebilirsiniz: β büyüdükçe her q(z|x) N(0, I)'ya daha güçlü çekilir."),
    "beta.setup": "β = {betas}; her model: {hidden} gizli birim, burada seçilen veriyle {epochs} dönem. Bu sunucuda "
                  "bir kez eğitilirler, sonra bu sayfayı açan herkesle paylaşılırlar.",
    "beta.train_all": "{n} modeli eğit (yaklaşık bir dakika)",
    "beta.train_missing": "Eksik {n} modeli eğit",
    "beta.train_help": "Eğitimler sunucunun eğitim kuyruğunda sıralarını bekler; bu arada uygulamayı kullanmaya "
                       "devam edebilirsiniz.",
    "beta.none_yet": "Bu sunucuda bu veri için henüz β modeli eğitilmedi. Eğitmek için düğmeye basın.",
    "beta.maps.title": "Her β için test görüntüleri nereye düşüyor",
    "beta.maps.caption": "1.500 test görüntüsünün μ kodları, her model için aynı eksenlerde (±{lim}).",
    "beta.col.numbers": "Yeniden yapılandırma kaybı {recon} · KL {kl} (z₁ {kl1}, z₂ {kl2}) nat",
    "beta.legend": "Sınıflara göre renkler, sırasıyla: {classes} (Gizli alan haritasındaki renklerin aynısı).",
    "beta.recon.title": "Yeniden yapılandırmalar",
    "beta.recon.caption": "Her sınıftan bir test görüntüsü, her model tarafından μ kodundan yeniden çizildi. Son "
                          "satır tüm test görüntülerinin ortalamasıdır: kodu hiçbir şey söylemeyen bir modelin "
                          "çizdiği şey.",
    "beta.original": "Özgün",
    "beta.mean_image": "Ortalama görüntü",
    "beta.chart.title": "β'ya göre yeniden yapılandırma kaybı ve KL",
    "beta.chart.recon": "Yeniden yapılandırma kaybı (test kümesi)",
    "beta.chart.kl": "KL ıraksaması (test kümesi)",
    "beta.table.beta": "β",
    "beta.table.mu": "ortalama |μ|",
    "beta.table.caption": "Test kümesinde görüntü başına nat; VAE'nin yeniden yapılandırma kaybı, eğitimde olduğu "
                          "gibi örneklenen bir z ile. Bir boyutta KL'nin 0'a yakın olması o boyutun kapandığı "
                          "anlamına gelir.",
    "beta.recon": "Yeniden yapılandırma kaybı",
    "beta.kl": "KL",
    "beta.kl_dim": "KL z{d}",
    "beta.nats": "görüntü başına nat",
    "beta.explain.title": "β ile ne değişiyor",
    "beta.explain": (
        "- **Küçük β (0,1): keskin ama düzensiz.** KL teriminin neredeyse hiç etkisi yoktur; model düz bir "
        "otokodlayıcı gibi davranır: en keskin yeniden yapılandırmalar, ama kodlar N(0, I)'nın çok dışına, "
        "boşluklarla dağılır; N(0, I)'dan rastgele çekilişler öğrendiklerini kapsamaz.\n"
        "- **β = 1: ELBO.** Kuramın istediği denge: kodlar N(0, I)'yı doldurur, yeniden yapılandırmalar hâlâ "
        "okunaklıdır.\n"
        "- **Daha büyük β (4): düzgün ama bulanık.** Bir koddaki her fazladan nat bilgi artık dört kat pahalıdır; "
        "model daha az ayrıntı saklar: sınıflar daha çok örtüşür, yeniden yapılandırmalar benzer görüntülerin "
        "bulanık ortalamalarına dönüşür.\n"
        "- **Çok büyük β (16, 64): sonsal çöküş.** Bilgi saklamak kazandırdığından pahalıya gelir. Önce bir gizli "
        "boyut kapanır (KL'si 0'a yakın düşer, kodları 0'da toplanır), sonra ikisi birden: her görüntü "
        "q(z|x) ≈ N(0, I) alır, kodlar girdi hakkında hiçbir şey söylemez ve çözücü her şey için aynı ortalama "
        "görüntüyü çizer; yukarıdaki son satırdaki görüntüyü.\n"
        "- Grafik bu alışverişi gösterir: β büyüdükçe KL 0'a iner, yeniden yapılandırma kaybı ortalama görüntününkine "
        "yükselir."),
}
