"""Words of the AE vs VAE page (pages/compare.py) and of the shared pieces in ui/views.py (cmp.job.*, cmp.data,
cmp.pct), which the β and conditional VAE pages use too."""

EN = {
    "cmp.intro": (
        "A plain **autoencoder (AE)** and a **VAE** with encoders and decoders of the same size, trained on the same "
        "images for the same time. The only differences: the VAE's encoder gives a spread σ as well as a mean μ, its "
        "decoder is trained on a *sample* z = μ + σ·ε, and its loss adds the **KL term**. Below, side by side: where "
        "each model puts the test images, what each decoder draws over the same stretch of latent space, and what "
        "each draws from random points of N(0, I)."),
    "cmp.which": "Models to compare",
    "cmp.which.shipped": "Shipped with the app (MNIST, 40 epochs)",
    "cmp.which.mine": "Retrained in this session ({data})",
    "cmp.lim": "Range of the axes and grids (±)",
    "cmp.lim_help": "The same range for both models. N(0, I) puts almost all its draws within ±3. Widen the range to "
                    "see how far the autoencoder's codes spread.",
    "cmp.kind.ae": "Autoencoder (AE)",
    "cmp.kind.vae": "VAE",
    "cmp.m.recon": "Reconstruction loss (nats per test image)",
    "cmp.m.spread": "Spread of the codes (standard deviation of μ)",
    "cmp.m.looks.mnist": "Random draws from N(0, I) that look like a digit",
    "cmp.m.looks.fashion": "Random draws from N(0, I) that look like a garment",
    "cmp.m.help": "Reconstruction loss: binary cross-entropy summed over the 784 pixels, on the test set; lower means "
                  "sharper copies (the VAE's is measured at a sampled z, as in training). Spread: of the test "
                  "images' codes μ, averaged over z₁ and z₂; the KL term pulls the VAE's towards 1, the spread of "
                  "N(0, I), while nothing holds the AE's in place. Random draws: {n} points from N(0, I), decoded; "
                  "the share that a nearest-neighbour classifier on the test images' pixels names with confidence "
                  "(at least {votes} of the {k} nearest test images agree on the class). A rough score, not a proof.",
    "cmp.pct": "{p}%",
    "cmp.map.title": "Where the test images land (the code μ of each test image)",
    "cmp.map.caption": "Same axes for both models. The dotted circles are radius 1, 2 and 3 of N(0, I), where random "
                       "draws come from. Click a class in the legend to hide it.",
    "cmp.map.outside": "{share} of the test codes lie outside this range.",
    "cmp.grid.title": "What each decoder draws over the same range",
    "cmp.grid.caption": "{n} × {n} points evenly spaced from −{lim} to {lim} on both axes, each one decoded.",
    "cmp.draw.title": "Decode {n} random points from N(0, I)",
    "cmp.draw.caption": "The same points go to both decoders. Under each image: the class that a nearest-neighbour "
                        "classifier on the test images' pixels gives it, or ? when its neighbours disagree.",
    "cmp.draw.again": "New draw",
    "cmp.why.title": "Why do they differ?",
    "cmp.why": (
        "- The **autoencoder** is rewarded only for redrawing its own images. It may put the codes anywhere, as far "
        "apart as it likes. The space between its clusters is never trained on, so nothing says what the decoder "
        "should draw there, and nothing says that the codes sit where N(0, I) draws land: random draws fall into "
        "one small patch of its code space (often only a few classes) or into gaps.\n"
        "- The **VAE** encodes each image as a small cloud N(μ, σ²), and its decoder is trained on *samples* from "
        "these clouds. Neighbouring clouds overlap, so the decoder has to draw something sensible in between as "
        "well: the latent space becomes continuous.\n"
        "- The **KL term** KL(q(z|x) ‖ N(0, I)) pulls every cloud towards the standard normal, so the codes fill the "
        "region where N(0, I) draws land, without big holes. That is what makes the VAE a **generative** model: draw "
        "z ~ N(0, I), decode it, and get a new image.\n"
        "- The price: the VAE's copies are a little blurrier (its reconstruction loss is higher), because nearby "
        "codes have to share their pictures."),
    "cmp.retrain.title": "Not convinced? Retrain both now",
    "cmp.retrain.help": "Trains a fresh AE and a fresh VAE of the same size ({hidden} hidden units, {epochs} epochs, "
                        "the same seed) on the data you choose, in the server's training queue: under a minute with "
                        "the full data. The models are yours in this session and appear above as a second "
                        "pair to compare.",
    "cmp.retrain.go": "Retrain both",
    "cmp.retrain.stop": "Stop",
    "cmp.retrain.queue_full": "The server's training queue is full, so the training could not start. Try again "
                              "in a minute.",
    "cmp.retrain.incomplete": "The retraining ended before both models were finished, so nothing changed. Press the "
                              "button to try again.",
    "cmp.data": "Data",
    "cmp.job.queued": "{label}: waiting in the server's training queue (place {pos})",
    "cmp.job.starting": "{label}: starting…",
    "cmp.job.running": "{label}: epoch {epoch} of {epochs}, loss {loss} nats",
    "cmp.job.done": "{label}: done",
    "cmp.job.stopped_user": "{label}: stopped before the end.",
    "cmp.job.stopped_abandoned": "{label}: stopped because nobody was watching it (the page was closed).",
    "cmp.job.failed": "{label}: the training failed ({reason}).",
}

TR = {
    "cmp.intro": (
        "Düz bir **otokodlayıcı (AE)** ile bir **VAE**: kodlayıcıları ve çözücüleri aynı boyutta, aynı görüntülerle "
        "aynı süre eğitildiler. Tek farklar şunlar: VAE'nin kodlayıcısı ortalama μ'nün yanında bir yayılım σ da "
        "verir, çözücüsü bir *örnek* z = μ + σ·ε ile eğitilir ve kaybına **KL terimi** eklenir. Aşağıda iki model "
        "yan yana: test görüntülerini gizli alanda nereye koydukları, aynı bölgede çözücülerinin ne çizdiği ve "
        "N(0, I)'dan rastgele çekilen noktalardan ne çizdikleri."),
    "cmp.which": "Karşılaştırılacak modeller",
    "cmp.which.shipped": "Uygulamayla gelenler (MNIST, 40 dönem)",
    "cmp.which.mine": "Bu oturumda yeniden eğitilenler ({data})",
    "cmp.lim": "Eksenlerin ve ızgaraların aralığı (±)",
    "cmp.lim_help": "İki model için aynı aralık. N(0, I) çekilişlerinin neredeyse hepsi ±3 içinde kalır. "
                    "Otokodlayıcının kodlarının ne kadar uzağa dağıldığını görmek için aralığı genişletin.",
    "cmp.kind.ae": "Otokodlayıcı (AE)",
    "cmp.kind.vae": "VAE",
    "cmp.m.recon": "Yeniden yapılandırma kaybı (test görüntüsü başına nat)",
    "cmp.m.spread": "Kodların yayılımı (μ'nün standart sapması)",
    "cmp.m.looks.mnist": "N(0, I)'dan rakama benzeyen rastgele çekilişler",
    "cmp.m.looks.fashion": "N(0, I)'dan giysiye benzeyen rastgele çekilişler",
    "cmp.m.help": "Yeniden yapılandırma kaybı: test kümesinde 784 piksel üzerinden toplanan ikili çapraz entropi; "
                  "düşük değer daha keskin kopyalar demektir (VAE'ninki, eğitimde olduğu gibi örneklenen bir z ile "
                  "ölçülür). Yayılım: test görüntülerinin μ kodlarının, z₁ ve z₂ üzerinden ortalaması alınmış "
                  "standart sapması; KL terimi VAE'ninkini N(0, I)'nın yayılımı olan 1'e doğru çeker, AE'ninkini "
                  "ise yerinde tutan hiçbir şey yoktur. Rastgele çekilişler: N(0, I)'dan {n} nokta çekilip çözüldü; "
                  "test görüntülerinin pikselleri üzerinde çalışan bir en yakın komşu sınıflandırıcısının güvenle "
                  "adlandırdığı pay (en yakın {k} test görüntüsünden en az {votes} tanesi sınıfta anlaşıyor). Kaba "
                  "bir ölçü, kanıt değil.",
    "cmp.pct": "%{p}",
    "cmp.map.title": "Test görüntüleri nereye düşüyor (her test görüntüsünün μ kodu)",
    "cmp.map.caption": "İki model için aynı eksenler. Noktalı çemberler, rastgele çekilişlerin geldiği N(0, I)'nın "
                       "1, 2 ve 3 yarıçaplı çemberleridir. Gizlemek için açıklamadaki bir sınıfa tıklayın.",
    "cmp.map.outside": "Test kodlarının {share} kadarı bu aralığın dışında.",
    "cmp.grid.title": "Her çözücü aynı aralıkta ne çiziyor",
    "cmp.grid.caption": "İki eksende de −{lim} ile {lim} arasında eşit aralıklı {n} × {n} nokta; her biri çözüldü.",
    "cmp.draw.title": "N(0, I)'dan rastgele {n} nokta çöz",
    "cmp.draw.caption": "Aynı noktalar iki çözücüye de gider. Her görüntünün altında: test görüntülerinin pikselleri "
                        "üzerinde çalışan en yakın komşu sınıflandırıcısının verdiği sınıf; komşular anlaşamıyorsa ?.",
    "cmp.draw.again": "Yeni çekiliş",
    "cmp.why.title": "Neden farklılar?",
    "cmp.why": (
        "- **Otokodlayıcı** yalnızca kendi görüntülerini yeniden çizdiği için ödüllendirilir. Kodları istediği yere, "
        "istediği kadar uzağa koyabilir. Kümelerinin arasındaki boşluklarda hiç eğitilmez; bu yüzden çözücünün "
        "oralarda ne çizeceğini söyleyen bir şey yoktur, kodların N(0, I) çekilişlerinin düştüğü yerde durduğunu "
        "söyleyen bir şey de yoktur: rastgele çekilişler kod alanının küçük bir köşesine (çoğu zaman yalnızca "
        "birkaç sınıf) ya da boşluklara düşer.\n"
        "- **VAE** her görüntüyü küçük bir N(μ, σ²) bulutu olarak kodlar ve çözücüsü bu bulutlardan çekilen "
        "*örneklerle* eğitilir. Komşu bulutlar örtüşür; bu yüzden çözücü aradaki noktalarda da anlamlı bir şey "
        "çizmek zorundadır: gizli alan sürekli hâle gelir.\n"
        "- **KL terimi** KL(q(z|x) ‖ N(0, I)) her bulutu standart normale doğru çeker; böylece kodlar N(0, I) "
        "çekilişlerinin düştüğü bölgeyi büyük delikler bırakmadan doldurur. VAE'yi **üretici** bir model yapan "
        "budur: z ~ N(0, I) çekin, çözün, yeni bir görüntü elde edin.\n"
        "- Bedeli: VAE'nin kopyaları biraz daha bulanıktır (yeniden yapılandırma kaybı daha yüksektir), çünkü "
        "yakın kodlar resimlerini paylaşmak zorundadır."),
    "cmp.retrain.title": "İkna olmadınız mı? İkisini şimdi yeniden eğitin",
    "cmp.retrain.help": "Aynı boyutta yepyeni bir AE ile yepyeni bir VAE'yi ({hidden} gizli birim, {epochs} dönem, "
                        "aynı tohum) seçtiğiniz veriyle, sunucunun eğitim kuyruğunda eğitir: tam veriyle bir dakikadan "
                        "kısa sürer. Modeller bu oturumda sizindir ve yukarıda karşılaştırılacak ikinci bir çift "
                        "olarak görünür.",
    "cmp.retrain.go": "İkisini yeniden eğit",
    "cmp.retrain.stop": "Durdur",
    "cmp.retrain.queue_full": "Sunucunun eğitim kuyruğu dolu, bu yüzden eğitim başlatılamadı. Bir dakika sonra "
                              "yeniden deneyin.",
    "cmp.retrain.incomplete": "Yeniden eğitim iki model de bitmeden sona erdi; hiçbir şey değişmedi. Yeniden denemek "
                              "için düğmeye basın.",
    "cmp.data": "Veri",
    "cmp.job.queued": "{label}: sunucunun eğitim kuyruğunda bekliyor (sıra {pos})",
    "cmp.job.starting": "{label}: başlıyor…",
    "cmp.job.running": "{label}: dönem {epoch}/{epochs}, kayıp {loss} nat",
    "cmp.job.done": "{label}: bitti",
    "cmp.job.stopped_user": "{label}: bitmeden durduruldu.",
    "cmp.job.stopped_abandoned": "{label}: izleyen kimse olmadığı için durduruldu (sayfa kapatılmış).",
    "cmp.job.failed": "{label}: eğitim başarısız oldu ({reason}).",
}
