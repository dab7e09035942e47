"""Words of ui/lesson.py (the "For the curious" sections, the one way to name a test digit) and ui/glossary.py."""
EN = {
    "lesson.curious": "For the curious: the mathematics",
    "lesson.digit": "A {cls}, number {k}",
    "err.image_mb": "the file is {mb} MB; pictures up to {limit} MB can be used.",
    "err.file_empty": "the file is empty.",
    "err.image_px": "the picture is {w} × {h} pixels; pictures up to {limit} megapixels can be used.",
    "err.no_pixels": "the picture has no pixels.",
    "err.too_large": "the picture is too large to open safely (over {limit} megapixels).",
    "err.not_image": "this is not a picture that can be read here (use PNG, JPEG, GIF, BMP or WebP).",
    "err.damaged": "the picture could not be read; the file is damaged or incomplete.",
    "err.memory": "the picture needs too much memory to open.",
    "err.colour": "the picture's colours could not be converted.",
    "err.queue_full": "the training queue is full ({n} models are waiting). Try again in a minute.",
    "err.workers_start": "the computers that train the models could not start. Tell your teacher.",
    "err.no_worker": "no computer is there to train it right now. Tell your teacher.",
    "err.cluster_lost": "the server lost its connection to the computers that train the models.",
    "err.model_gone": "this saved model is no longer on the server.",
    "err.model_unreadable": "this saved model could not be read on the server.",
    "err.data_missing": "it is not on this server yet. Your teacher can add it (Home, \"For the teacher\").",
    "err.data_damaged": "its files on this server are missing or damaged. Your teacher can see the details in "
                        "the server's log.",
    "err.disk_full": "the server's disk is full.",
    "err.disk_denied": "the server does not allow writing there. Tell your teacher.",
    "err.disk": "the server could not use its disk. Your teacher can see the details in the server's log.",
    "err.untranslated": "{reason}",
    # --- glossary (sidebar)
    "gloss.open": "Words used here",
    "gloss.title": "Words used in this app",
    "gloss.items": (
        "- **Code**: the two numbers, z₁ and z₂, the model squeezes a picture into. The model chose what they mean "
        "while it learned; they have no fixed meaning such as \"thickness\" or \"slant\".\n"
        "- **Latent space**: every possible code, drawn as a flat square with z₁ across and z₂ up.\n"
        "- **Encoder**: the half of the model that turns a picture into its code.\n"
        "- **Decoder**: the half that turns a code back into a picture.\n"
        "- **Reconstruction**: the picture the decoder draws from an image's own code.\n"
        "- **Loss**: a penalty the model tries to make small while it learns; lower is better.\n"
        "- **Nats**: the unit of the loss, a measure of surprise: one nat is how surprised you are by something "
        "you gave a 37 % chance. Guessing every one of the 784 pixels by a coin toss costs 543 nats; the "
        "shipped VAE needs about 140 nats per picture.\n"
        "- **KL**: how far the codes of one picture stray from the usual spot around (0, 0); the price the model "
        "pays for putting information into the code.\n"
        "- **N(0, I)**: the bell-shaped cloud around (0, 0) that random codes are drawn from.\n"
        "- **μ and σ (the middle and the spread of a code)**: the encoder does not give a picture one exact code "
        "but a small cloud of codes: μ is its middle (the code the maps show) and σ how wide it is, one of each "
        "for z₁ and for z₂.\n"
        "- **Prior**: the cloud N(0, I) the model expects codes to come from before it has seen any picture.\n"
        "- **Posterior**: for one picture, which codes could have made it and how likely each one is. The "
        "encoder's small cloud (μ, σ) is the model's quick guess of it.\n"
        "- **ELBO**: the score a VAE learns to make large: how well it copies the picture, minus the KL. The "
        "loss on these pages is −ELBO, the reconstruction loss plus the KL, in nats.\n"
        "- **Autoencoder (AE)**: an encoder and a decoder trained only to copy pictures.\n"
        "- **VAE**: an autoencoder whose codes are small clouds, kept near (0, 0) by the KL; you can draw new "
        "pictures from random codes.\n"
        "- **β (beta)**: how much the KL counts in the loss.\n"
        "- **Denoising**: cleaning a damaged picture; a denoiser is a model trained to do exactly that.\n"
        "- **Anomaly**: a picture unlike the ones the model learned from."),
    # --- every page's "For the curious" sentences
    "math.nats": "A **nat** is a unit of information, like a bit but with natural logarithms: −log p nats for "
                 "an event of probability p (1 nat ≈ 1.44 bits). Every loss on these pages is in nats per image.",
    "math.home.1": "The **encoder** does not give one code but a Gaussian distribution over codes, with a mean μ and a "
                   "standard deviation σ for each latent dimension:",
    "math.home.2": "Training needs gradients through the sampling step, so a sample is written as a deterministic "
                   "function of μ, σ and independent noise ε (the **reparameterization trick**):",
    "math.home.3": "The **decoder** p(x|z) gives each of the 784 pixels a probability of being ink (a Bernoulli "
                   "distribution). Training minimises the **negative evidence lower bound** (ELBO): the "
                   "reconstruction loss plus the KL divergence from q(z|x) to the prior N(0, I):",
    "math.home.4": "For two Gaussians the KL has a closed form (Kingma & Welling 2014, appendix B):",
    "math.explore.1": "The picture is the decoder's mean: for the code z, each pixel's probability of being ink.",
    "math.explore.2": "The grid can space its codes evenly, or by the **inverse CDF** Φ⁻¹ of the standard normal, so "
                      "that each row and column holds the same share of N(0, I): where the prior is dense, the "
                      "grid is dense too.",
    "math.map.1": "Each dot is the mean μ of q(z|x) of one test image x:",
    "math.map.2": "Under the prior N(0, I) in two dimensions, the share of draws within radius r has a closed form; "
                  "the circles at r = 1, 2, 3 hold 39 %, 86 % and 99 % of the draws.",
    "math.recon.1": "The reconstruction loss is the binary cross-entropy between the image x and the decoder's "
                    "pixel probabilities x̂, summed over the 784 pixels:",
    "math.post.1": "Bayes' rule gives the **true posterior** over codes. With two latent dimensions the integral "
                   "p(x) can be computed on a fine grid of z:",
    "math.post.2": "The ELBO is a lower bound on log p(x); the gap is exactly the KL divergence from the encoder's "
                   "Gaussian q(z|x) to the true posterior:",
    "math.post.3": "The samples are z = μ + σ·ε with ε ~ N(0, I); the ellipse of k standard deviations holds "
                   "1 − e^(−k²/2) of q.",
    "math.interp.1": "The path is linear interpolation between the two means:",
    "math.interp.2": "The comparison row blends the pixels instead:",
    "math.draw.1": "The ellipses are the level sets of q(z|x) = N(μ, diag σ²) at k standard deviations:",
    "math.draw.2": "The neighbours are the test digits whose means lie nearest in Euclidean distance:",
    "math.anom.1": "The **denoiser** is a VAE with the same architecture, trained on damaged inputs x̃ = D(x) "
                   "(salt and pepper up to 0.25 or Gaussian noise up to σ = 0.5, strength drawn at random) with "
                   "the clean image x as the target:",
    "math.anom.2": "\"Keeps its class\" is judged by the nearest class mean m_c of the training images, in pixel "
                   "space:",
    "math.anom.3": "The anomaly scores are the negative ELBO (s₁) and its distance from the test set's average "
                   "(s₂, the typicality test of Nalisnick et al., 2019):",
    "math.cmp.1": "The two losses differ by the KL term and by decoding a sample instead of the mean:",
    "math.cmp.2": "Spread of the classes among the decoded draws, as the entropy of their class shares p_c (in "
                  "bits): 0 if all draws are one class, log₂ 10 ≈ 3.32 if the ten classes are equally common.",
    "math.cmp.3": "**Jumpiness** J: take two random test pictures' codes z_A and z_B, decode 16 evenly spaced "
                  "codes on the straight line between them, and measure how much the picture changes from one "
                  "step to the next (Δ, the root-mean-square change of the 784 pixels, each between 0 and 1). J "
                  "is the biggest step divided by the average step, averaged over 50 random pairs: 1 when the "
                  "picture morphs evenly, large when most of the change happens in one jump.",
    "math.cmp.5": "**Spread of the codes** s: how widely μ(x) is scattered over the test pictures, the standard "
                  "deviation of each of the code's two numbers, averaged. The VAE's KL term holds it near 1; "
                  "nothing holds the autoencoder's.",
    "math.cmp.4": "The class of a decoded draw is the label a k-nearest-neighbour classifier on the test images' "
                  "pixels gives it.",
    "math.beta.1": "The β-VAE (Higgins et al., 2017) weights the KL term:",
    "math.beta.2": "The KL splits into one part per latent dimension; a dimension whose KL is 0 carries no "
                   "information about x (**posterior collapse** in that dimension):",
    "math.cvae.1": "The conditional VAE (Sohn et al., 2015) gives the label c to both halves:",
    "math.cvae.2": "Because p(x|z, c) already knows c, information about the class in z would cost KL and gain "
                   "nothing, so the optimum leaves in z only what c does not say: the style.",
    "math.train.1": "Each step takes a batch of B images and moves the weights θ against the gradient of the mean "
                    "negative ELBO (Adam, Kingma & Ba 2015, with a learning rate η):",
    "math.cls.1": "The line is first come, first served. Each training's size W is counted in multiply-adds: the "
                  "weights of the encoder and the decoder (n₀ = 784 pixels, then each layer's units) times the "
                  "training images N times the epochs E:",
    "math.cls.2": "The pace p is the median, over the last 12 trainings that finished here, of seconds t taken per "
                  "multiply-add (before any has finished: the Quick recipe's benchmark). A waiting training should "
                  "then take T = p·W; a running one that has done the fraction f of its work in t seconds has about "
                  "R left:",
    "math.cls.3": "Each waiting training, in order, takes the slot (a training at once on a worker) that frees "
                  "first, at time s, and ends at e. The line is clear when the last one ends. At most 40 trainings "
                  "wait; the next one is refused until a place frees.",
    "math.train.2": "The test loss is the same quantity on images the model never trained on; when it stops "
                    "falling, more epochs only memorise.",
}

TR = {
    "lesson.curious": "Merak edenlere: matematiği",
    "lesson.digit": "{k} numaralı {cls}",
    "err.image_mb": "dosya {mb} MB; en çok {limit} MB'lık resimler kullanılabilir.",
    "err.file_empty": "dosya boş.",
    "err.image_px": "resim {w} × {h} piksel; en çok {limit} megapiksellik resimler kullanılabilir.",
    "err.no_pixels": "resimde hiç piksel yok.",
    "err.too_large": "resim güvenle açılamayacak kadar büyük ({limit} megapikselden fazla).",
    "err.not_image": "bu, burada okunabilen bir resim değil (PNG, JPEG, GIF, BMP ya da WebP kullanın).",
    "err.damaged": "resim okunamadı; dosya bozuk ya da eksik.",
    "err.memory": "resmi açmak çok fazla bellek gerektiriyor.",
    "err.colour": "resmin renkleri dönüştürülemedi.",
    "err.queue_full": "eğitim kuyruğu dolu ({n} model bekliyor). Bir dakika sonra yeniden deneyin.",
    "err.workers_start": "modelleri eğiten bilgisayarlar başlatılamadı. Öğretmeninize söyleyin.",
    "err.no_worker": "şu anda onu eğitecek bir bilgisayar yok. Öğretmeninize söyleyin.",
    "err.cluster_lost": "sunucu, modelleri eğiten bilgisayarlarla bağlantısını kaybetti.",
    "err.model_gone": "bu kayıtlı model artık sunucuda yok.",
    "err.model_unreadable": "bu kayıtlı model sunucuda okunamadı.",
    "err.data_missing": "henüz bu sunucuda değil. Öğretmeniniz ekleyebilir (Ana sayfa, \"Öğretmen için\").",
    "err.data_damaged": "bu sunucudaki dosyaları eksik ya da bozuk. Öğretmeniniz ayrıntıları sunucunun "
                        "günlüğünde görebilir.",
    "err.disk_full": "sunucunun diski dolu.",
    "err.disk_denied": "sunucu oraya yazmaya izin vermiyor. Öğretmeninize söyleyin.",
    "err.disk": "sunucu diskini kullanamadı. Öğretmeniniz ayrıntıları sunucunun günlüğünde görebilir.",
    "err.untranslated": "(İngilizce) {reason}",
    "gloss.open": "Buradaki sözcükler",
    "gloss.title": "Bu uygulamada geçen sözcükler",
    "gloss.items": (
        "- **Kod**: modelin bir resmi sıkıştırdığı iki sayı, z₁ ve z₂. Ne anlama geldiklerini model öğrenirken "
        "kendisi seçti; \"kalınlık\" ya da \"eğiklik\" gibi sabit bir anlamları yoktur.\n"
        "- **Gizli alan**: olası bütün kodlar; yatayda z₁, dikeyde z₂ olan düz bir kare olarak çizilir.\n"
        "- **Kodlayıcı**: modelin resmi koduna çeviren yarısı.\n"
        "- **Çözücü**: kodu yeniden resme çeviren yarısı.\n"
        "- **Yeniden yapılandırma**: çözücünün bir resmin kendi kodundan çizdiği resim.\n"
        "- **Kayıp**: modelin öğrenirken küçültmeye çalıştığı ceza; ne kadar düşükse o kadar iyi.\n"
        "- **Nat**: kaybın birimi, bir şaşkınlık ölçüsü: bir nat, %37 şans verdiğiniz bir şey olduğunda "
        "duyduğunuz şaşkınlıktır. 784 pikselin her birini yazı turayla tahmin etmek 543 nat tutar; uygulamayla "
        "gelen VAE resim başına yaklaşık 140 nat ister.\n"
        "- **KL**: bir resmin kodlarının (0, 0) çevresindeki olağan yerden ne kadar uzaklaştığı; modelin koda "
        "bilgi koymak için ödediği bedel.\n"
        "- **N(0, I)**: rastgele kodların çekildiği, (0, 0) çevresindeki çan biçimli bulut.\n"
        "- **μ ve σ (bir kodun ortası ve yayılımı)**: kodlayıcı bir resme tek ve kesin bir kod değil, küçük bir "
        "kod bulutu verir: μ bu bulutun ortası (haritalarda gösterilen kod), σ ne kadar geniş olduğu; z₁ için de "
        "z₂ için de birer tane.\n"
        "- **Önsel dağılım (prior)**: model hiçbir resim görmeden önce kodların geleceğini beklediği N(0, I) "
        "bulutu.\n"
        "- **Sonsal dağılım (posterior)**: bir resim için, onu hangi kodların üretmiş olabileceği ve her birinin "
        "ne kadar olası olduğu. Kodlayıcının küçük bulutu (μ, σ), modelin bunun için yaptığı hızlı tahmindir.\n"
        "- **ELBO**: bir VAE'nin büyütmeyi öğrendiği puan: resmi ne kadar iyi kopyaladığı eksi KL. Bu "
        "sayfalardaki kayıp −ELBO'dur: yeniden yapılandırma kaybı artı KL, nat cinsinden.\n"
        "- **Otokodlayıcı (AE)**: yalnızca resimleri kopyalamak için eğitilmiş bir kodlayıcı ile bir çözücü.\n"
        "- **VAE**: kodları küçük bulutlar olan ve KL ile (0, 0) yakınında tutulan bir otokodlayıcı; rastgele "
        "kodlardan yeni resimler çizebilirsiniz.\n"
        "- **β (beta)**: KL'nin kayıpta ne kadar sayıldığı.\n"
        "- **Gürültü giderme**: bozulmuş bir resmi temizlemek; gürültü giderici, tam bunun için eğitilmiş bir "
        "modeldir.\n"
        "- **Aykırı**: modelin öğrendiği resimlere benzemeyen bir resim."),
    "math.nats": "**Nat**, bit gibi bir bilgi birimidir ama doğal logaritmayla: olasılığı p olan bir olay için "
                 "−log p nat (1 nat ≈ 1,44 bit). Bu sayfalardaki her kayıp, görüntü başına nat cinsindendir.",
    "math.home.1": "**Kodlayıcı** tek bir kod değil, kodlar üzerinde bir Gauss dağılımı verir; her gizli boyut için "
                   "bir ortalama μ ve bir standart sapma σ:",
    "math.home.2": "Eğitim, örnekleme adımından geçen türevlere ihtiyaç duyar; bu yüzden bir örnek μ, σ ve bağımsız "
                   "bir ε gürültüsünün belirlenimci bir fonksiyonu olarak yazılır (**yeniden parametrelendirme "
                   "hilesi**):",
    "math.home.3": "**Çözücü** p(x|z), 784 pikselin her birine mürekkep olma olasılığı verir (Bernoulli dağılımı). "
                   "Eğitim, **negatif kanıt alt sınırını** (ELBO) küçültür: yeniden yapılandırma kaybı artı "
                   "q(z|x)'ten önsel N(0, I)'ye KL ıraksaması:",
    "math.home.4": "İki Gauss dağılımı için KL'nin kapalı bir biçimi vardır (Kingma ve Welling 2014, ek B):",
    "math.explore.1": "Resim, çözücünün ortalamasıdır: z kodu için her pikselin mürekkep olma olasılığı.",
    "math.explore.2": "Izgara kodlarını eşit aralıklarla ya da standart normalin **ters birikimli dağılım "
                      "fonksiyonu** Φ⁻¹ ile yerleştirebilir; böylece her satır ve sütun N(0, I)'nin eşit bir payını "
                      "tutar: önselin yoğun olduğu yerde ızgara da sıktır.",
    "math.map.1": "Her nokta, bir x test görüntüsünün q(z|x) dağılımının ortalaması μ'dür:",
    "math.map.2": "İki boyutlu önsel N(0, I) altında r yarıçapı içine düşen çekilişlerin payının kapalı bir biçimi "
                  "vardır; r = 1, 2, 3'teki çemberler çekilişlerin %39, %86 ve %99'unu içerir.",
    "math.recon.1": "Yeniden yapılandırma kaybı, x görüntüsü ile çözücünün piksel olasılıkları x̂ arasındaki ikili "
                    "çapraz entropinin 784 piksel üzerinden toplamıdır:",
    "math.post.1": "Bayes kuralı, kodlar üzerindeki **gerçek sonsal dağılımı** verir. İki gizli boyutla p(x) "
                   "integrali z'nin ince bir ızgarasında hesaplanabilir:",
    "math.post.2": "ELBO, log p(x) için bir alt sınırdır; aradaki fark, tam olarak kodlayıcının Gauss dağılımı "
                   "q(z|x)'ten gerçek sonsal dağılıma KL ıraksamasıdır:",
    "math.post.3": "Örnekler z = μ + σ·ε, ε ~ N(0, I) ile çekilir; k standart sapmalık elips q'nun "
                   "1 − e^(−k²/2) kadarını içerir.",
    "math.interp.1": "Yol, iki ortalama arasındaki doğrusal ara değerlemedir:",
    "math.interp.2": "Karşılaştırma satırı ise pikselleri karıştırır:",
    "math.draw.1": "Elipsler, q(z|x) = N(μ, diag σ²) dağılımının k standart sapmadaki eş düzey eğrileridir:",
    "math.draw.2": "Komşular, ortalamaları Öklid uzaklığıyla en yakın olan test rakamlarıdır:",
    "math.anom.1": "**Gürültü giderici**, aynı yapıda bir VAE'dir; bozulmuş girdilerle x̃ = D(x) (0,25'e kadar tuz "
                   "ve biber ya da σ = 0,5'e kadar Gauss gürültüsü, şiddeti rastgele) ve hedef olarak temiz x "
                   "görüntüsüyle eğitilir:",
    "math.anom.2": "\"Sınıfını koruyor\" yargısı, eğitim görüntülerinin piksel uzayındaki en yakın sınıf "
                   "ortalamasıyla m_c verilir:",
    "math.anom.3": "Aykırılık puanları negatif ELBO (s₁) ve onun test kümesi ortalamasından uzaklığıdır "
                   "(s₂, Nalisnick ve diğerleri, 2019, tipiklik testi):",
    "math.cmp.1": "İki kayıp, KL terimiyle ve ortalama yerine bir örneğin çözülmesiyle ayrılır:",
    "math.cmp.2": "Çözülen çekilişler arasında sınıfların yayılımı, sınıf payları p_c'nin entropisi olarak (bit "
                  "cinsinden): bütün çekilişler tek sınıfsa 0, on sınıf eşit sıklıktaysa log₂ 10 ≈ 3,32.",
    "math.cmp.3": "**Sıçramalık** J: iki rastgele test resminin kodları z_A ve z_B arasındaki düz çizgi üzerinde "
                  "eşit aralıklı 16 kodu çözün ve resmin bir adımdan ötekine ne kadar değiştiğini ölçün (Δ: her "
                  "biri 0 ile 1 arasında olan 784 pikselin karesel ortalama karekök değişimi). J, en büyük adımın "
                  "ortalama adıma bölümüdür ve 50 rastgele çift üzerinden ortalanır: resim düzgünce dönüşüyorsa 1, "
                  "değişimin çoğu tek bir sıçramada oluyorsa büyük.",
    "math.cmp.5": "**Kodların yayılımı** s: μ(x)'in test resimleri üzerinde ne kadar geniş dağıldığı; kodun iki "
                  "sayısının her birinin standart sapması, ortalaması alınarak. VAE'nin KL terimi bunu 1 "
                  "yakınında tutar; otokodlayıcınınkini hiçbir şey tutmaz.",
    "math.cmp.4": "Çözülen bir çekilişin sınıfı, test görüntülerinin pikselleri üzerinde çalışan bir k en yakın "
                  "komşu sınıflandırıcısının verdiği etikettir.",
    "math.beta.1": "β-VAE (Higgins ve diğerleri, 2017) KL terimini ağırlıklandırır:",
    "math.beta.2": "KL, her gizli boyut için bir parçaya ayrılır; KL'si 0 olan bir boyut x hakkında hiçbir bilgi "
                   "taşımaz (o boyutta **sonsal çöküş**):",
    "math.cvae.1": "Koşullu VAE (Sohn ve diğerleri, 2015) etiket c'yi iki yarıya da verir:",
    "math.cvae.2": "p(x|z, c) c'yi zaten bildiği için z'deki sınıf bilgisi KL'ye mal olur ve hiçbir şey kazandırmaz; "
                   "bu yüzden en iyi çözüm z'de yalnızca c'nin söylemediğini bırakır: yazım biçimini.",
    "math.train.1": "Her adım B görüntülük bir yığın alır ve θ ağırlıklarını ortalama negatif ELBO'nun türevine karşı "
                    "hareket ettirir (Adam, Kingma ve Ba 2015, öğrenme hızı η ile):",
    "math.cls.1": "Sıra, ilk gelen ilk alır biçiminde işler. Her eğitimin büyüklüğü W, çarpma-toplama sayısıyla "
                  "ölçülür: kodlayıcının ve çözücünün ağırlıkları (n₀ = 784 piksel, sonra her katmanın birimleri) "
                  "çarpı N eğitim görüntüsü çarpı E dönem:",
    "math.cls.2": "Hız p, burada biten son 12 eğitimin çarpma-toplama başına harcadığı t saniyenin ortancasıdır "
                  "(henüz biten yoksa Hızlı tarifin ölçüm sonucu). Bekleyen bir eğitim yaklaşık T = p·W sürer; "
                  "işinin f kadarını t saniyede bitirmiş çalışan bir eğitimin yaklaşık R süresi kalmıştır:",
    "math.cls.3": "Bekleyen her eğitim sırayla, ilk boşalan yuvayı (bir çalışanda aynı anda bir eğitim) s anında "
                  "alır ve e anında biter. Sonuncusu bitince sıra boşalır. En çok 40 eğitim bekler; bir yer "
                  "boşalana kadar sonraki geri çevrilir.",
    "math.train.2": "Test kaybı, modelin hiç eğitilmediği görüntülerde aynı niceliktir; düşmeyi bıraktığında daha "
                    "fazla tur yalnızca ezberletir.",
}
