EN = {
    "post.intro": (
        "The encoder is never completely sure of a picture's code. It gives a small cloud of likely codes, drawn "
        "here as orange ellipses. Is that cloud right? With only two numbers in a code we can check: the blue "
        "heat map is the exact answer, found by trying every code on a fine grid and asking the decoder how well "
        "each one explains the picture. The red points are codes picked at random from the encoder's cloud; the "
        "strip below shows what the decoder draws from each. Try a plain 1, then a messy digit: where is the "
        "encoder less sure, and where is its guess furthest from the exact answer?"),
    "post.true_posterior": "true posterior p(z|x)",
    "post.ellipse": "q(z|x): {k}σ ellipse (holds {mass}% of q)",
    "post.samples_legend": "samples z = μ + σ·ε",
    "post.code": "the code z of this image",
    "post.log_px": "How likely the picture is: log p(x)",
    "post.nats": "{v} nats",
    "post.log_px_help": "How likely the model finds this image: the decoder's p(x|z) averaged over the prior p(z), "
                        "computed by integration over the grid.",
    "post.elbo": "What training sees: the ELBO",
    "post.elbo_help": "The evidence lower bound that training maximises: −(reconstruction loss + KL). "
                      "It is never above log p(x).",
    "post.recon": "Reconstruction loss",
    "post.recon_help": "−E_q[log p(x|z)]: how badly the decoder redraws x, on average over codes z from q(z|x).",
    "post.kl": "Information in the code: KL",
    "post.kl_help": "How far q(z|x) is from the prior N(0, I): the price, in nats, of the information the code "
                    "carries.",
    "post.gap": "How far the encoder's guess is off: the gap",
    "post.gap_help": "How much the ELBO underestimates log p(x). It is exactly the KL divergence from q(z|x) to the "
                     "true posterior: zero only if the encoder's Gaussian matched the true posterior perfectly.",
    "post.identity": "**log p(x) = ELBO + gap**: {log_px} = {elbo} + {gap}  \n"
                     "**ELBO = −(reconstruction loss + KL)**: {elbo} = −({recon} + {kl})",
    "post.conditional": "Conditional model: q(z|x, y) and p(x|z, y) are given the class {cls} "
                        "(the digit's true class is {true}).",
    "post.ae": "This is a plain autoencoder (AE). Its encoder gives one point z for each image, not a distribution "
               "q(z|x): there is nothing to sample, and no ELBO and no gap to show. Below: where this image's code "
               "lies and what the decoder draws from it. Choose a VAE in the sidebar to see the posterior.",
    "post.ae_recon": "Decoded from its code",
    "post.k": "Number of samples K",
    "post.k_help": "How many codes z to draw from q(z|x).",
    "post.resample": "Resample ε",
    "post.resample_help": "Draw new ε ~ N(0, I): the same μ and σ, new samples z = μ + σ·ε.",
    "post.strip": "The K = {k} samples, decoded (numbered as on the map)",
    "post.computing": "Integrating the true posterior over the latent plane…",
    "post.map_title": "True posterior p(z|x) (heat map) and the encoder's q(z|x) (ellipses)",
    "post.map_caption": "The view is zoomed in on q(z|x) and the true posterior; q's spread is σ = ({s1}, {s2}). "
                        "A VAE's q(z|x) is always an ellipse along the axes; the true posterior may be tilted, "
                        "skewed, wider, or even somewhere else. That mismatch is the gap.",
    "post.mean_recon": "Decoded at μ",
    "post.peak_recon": "Decoded at the peak of p(z|x)",
    "post.peak": "peak of the true posterior",
    "post.strip_caption": "All come from the same image x; they differ only in ε. The more alike they look, "
                          "the more certain the encoder is.",
}
TR = {
    "post.intro": (
        "Kodlayıcı bir resmin kodundan hiçbir zaman tam emin değildir. Olası kodlardan küçük bir bulut verir; "
        "burada turuncu elipslerle çizili. Bu bulut doğru mu? Bir kodda yalnızca iki sayı olduğu için bunu "
        "denetleyebiliriz: mavi ısı haritası kesin cevaptır; ince bir ızgaradaki her kodu deneyip çözücüye her "
        "birinin resmi ne kadar iyi açıkladığını sorarak bulunur. Kırmızı noktalar kodlayıcının bulutundan "
        "rastgele seçilmiş kodlardır; alttaki şerit çözücünün her birinden ne çizdiğini gösterir. Sade bir 1, sonra "
        "dağınık bir rakam deneyin: kodlayıcı nerede daha az emin, tahmini kesin cevaptan nerede en uzak?"),
    "post.true_posterior": "gerçek sonsal p(z|x)",
    "post.ellipse": "q(z|x): {k}σ elipsi (q'nun olasılığının %{mass} kadarı içinde)",
    "post.samples_legend": "örnekler z = μ + σ·ε",
    "post.code": "bu görüntünün kodu z",
    "post.log_px": "Resmin olasılığı: log p(x)",
    "post.nats": "{v} nat",
    "post.log_px_help": "Modelin bu görüntüyü ne kadar olası bulduğu: çözücünün p(x|z) değerinin önsel p(z) "
                        "üzerinden ortalaması; ızgara üzerinde integral alınarak hesaplandı.",
    "post.elbo": "Eğitimin gördüğü: ELBO",
    "post.elbo_help": "Eğitimin büyüttüğü kanıt alt sınırı (ELBO): −(yeniden yapılandırma kaybı + KL). "
                      "Hiçbir zaman log p(x)'in üstüne çıkmaz.",
    "post.recon": "Yeniden yapılandırma kaybı",
    "post.recon_help": "−E_q[log p(x|z)]: q(z|x)'ten gelen z kodları üzerinden ortalama olarak, çözücünün x'i ne "
                       "kadar kötü yeniden çizdiği.",
    "post.kl": "Koddaki bilgi: KL",
    "post.kl_help": "q(z|x)'in önsel N(0, I)'den ne kadar uzak olduğu: kodun taşıdığı bilginin nat cinsinden bedeli.",
    "post.gap": "Kodlayıcının tahmini ne kadar şaşıyor: fark",
    "post.gap_help": "ELBO'nun log p(x)'i ne kadar eksik tahmin ettiği. Tam olarak q(z|x)'ten gerçek sonsala olan "
                     "KL ıraksamasıdır: yalnızca kodlayıcının Gauss dağılımı gerçek sonsalla birebir örtüşürse "
                     "sıfırdır.",
    "post.identity": "**log p(x) = ELBO + fark**: {log_px} = {elbo} + {gap}  \n"
                     "**ELBO = −(yeniden yapılandırma kaybı + KL)**: {elbo} = −({recon} + {kl})",
    "post.conditional": "Koşullu model: q(z|x, y) ve p(x|z, y) dağılımlarına {cls} sınıfı veriliyor "
                        "(rakamın gerçek sınıfı {true}).",
    "post.ae": "Bu sıradan bir otokodlayıcı (AE). Kodlayıcısı her görüntü için bir q(z|x) dağılımı değil, tek bir "
               "z noktası verir: örneklenecek bir şey yoktur, gösterilecek ELBO ya da fark da yoktur. Aşağıda: bu "
               "görüntünün kodunun nerede olduğu ve çözücünün ondan ne çizdiği. Sonsal dağılımı görmek için kenar "
               "çubuğundan bir VAE seçin.",
    "post.ae_recon": "Kodundan çözülen",
    "post.k": "Örnek sayısı K",
    "post.k_help": "q(z|x)'ten kaç z kodu çekileceği.",
    "post.resample": "Yeni ε çek",
    "post.resample_help": "Yeni ε ~ N(0, I) çek: aynı μ ve σ, yeni z = μ + σ·ε örnekleri.",
    "post.strip": "K = {k} örnek, çözülmüş hâlleriyle (haritadaki numaralarla)",
    "post.computing": "Gerçek sonsal dağılım gizli düzlem üzerinde integralleniyor…",
    "post.map_title": "Gerçek sonsal p(z|x) (ısı haritası) ve kodlayıcının q(z|x) dağılımı (elipsler)",
    "post.map_caption": "Görünüm q(z|x)'e ve gerçek sonsala yakınlaştırılmıştır; q'nun yayılımı σ = ({s1}, {s2}). "
                        "Bir VAE'nin q(z|x)'i her zaman eksenler boyunca uzanan bir elipstir; gerçek sonsal ise "
                        "eğik, çarpık, daha geniş, hatta başka bir yerde olabilir. Aradaki uyumsuzluk farkın ta "
                        "kendisidir.",
    "post.mean_recon": "μ noktasında çözülen",
    "post.peak_recon": "p(z|x)'in tepe noktasında çözülen",
    "post.peak": "gerçek sonsalın tepe noktası",
    "post.strip_caption": "Hepsi aynı x görüntüsünden geliyor; yalnızca ε'da ayrışıyorlar. Birbirlerine ne kadar "
                          "benzerlerse kodlayıcı o kadar emindir.",
}
