"""Words of the AE vs VAE page (pages/compare.py) and of the shared pieces in ui/views.py (cmp.job.*, cmp.data,
cmp.pct), which the β and conditional VAE pages use too."""

EN = {
    "cmp.intro": (
        "Two models, the same size, trained on the same pictures for the same time. The **autoencoder (AE)** only "
        "learned to copy: picture → two numbers → picture. The **VAE** learned the same, but with its codes held "
        "near (0, 0) and blurred a little, so that every code near (0, 0) means *some* digit. Does that matter? "
        "Give both decoders the same random codes and look at what comes out."),
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
    "cmp.m.help": "**How to read it.** *Most common class*: if every digit came out equally often, each would be "
                  "10 %. *Spread of classes*: 0 when every draw is the same digit, 3.32 when all ten are equally "
                  "common. *Jumpiness*: walking in a straight line between two test digits' codes, the biggest "
                  "change of the picture in one step divided by the average change; 1 means the picture morphs "
                  "evenly, larger means it suddenly jumps. *Reconstruction loss* (in nats, lower is better): how "
                  "badly each model copies the test pictures; the price the VAE pays. *Spread of the codes*: how "
                  "far from (0, 0) the test pictures' codes lie; nothing holds the autoencoder's near 1.",
    "cmp.pct": "{p}%",
    "cmp.m.top": "Most common class among {n} random codes",
    "cmp.m.top_cell": "{share} ({cls})",
    "cmp.m.entropy": "Spread of classes (bits; 3.32 = all ten equally often)",
    "cmp.m.evenness": "Jumpiness of a straight path (1 = smooth)",
    "cmp.spread.title": "What {n} random codes turn into",
    "cmp.spread.story": "We drew {n} random codes from the cloud around (0, 0) and gave the same ones to both "
                        "decoders; a classifier then named each picture. The **autoencoder** drew **{top}** × "
                        "**{top_cls}** but only **{rare}** × **{rare_cls}**: its random codes fall in one patch of its "
                        "code space and come out as a few kinds of digit. The **VAE** drew every class between "
                        "**{lo}** and **{hi}** times: every part of the cloud is some digit, so random codes give new "
                        "digits of every kind.",
    "cmp.spread.x.mnist": "digit the picture was named",
    "cmp.spread.x.fashion": "garment the picture was named",
    "cmp.spread.y": "pictures (of {n})",
    "cmp.map.title": "Where the test pictures land (the code of each test picture)",
    "cmp.map.caption": "Same axes for both models. The dotted circles are radius 1, 2 and 3 of N(0, I), where random "
                       "draws come from. Click a class in the legend to hide it.",
    "cmp.map.outside": "{share} of the test codes lie outside this range.",
    "cmp.grid.title": "What each decoder draws over the same range",
    "cmp.grid.caption": "{n} × {n} points evenly spaced from −{lim} to {lim} on both axes, each one decoded.",
    "cmp.draw.title": "{n} random codes, drawn by each model",
    "cmp.draw.caption": "The same codes go to both decoders. Under each picture: the digit a classifier names it, "
                        "or ? when it cannot decide.",
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
    "cmp.job.failed": "{label}: the training failed: {reason}",
}

TR = {
    "cmp.intro": (
        "Aynı boyutta, aynı resimlerle aynı süre eğitilmiş iki model. **Otokodlayıcı (AE)** yalnızca kopyalamayı "
        "öğrendi: resim → iki sayı → resim. **VAE** de aynısını öğrendi, ama kodları (0, 0) yakınında tutularak ve "
        "biraz bulanıklaştırılarak; böylece (0, 0) yakınındaki her kod *bir* rakam anlamına gelir. Bunun önemi var "
        "mı? İki çözücüye de aynı rastgele kodları verin ve ne çıktığına bakın."),
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
    "cmp.m.help": "**Nasıl okunur?** *En sık sınıf*: her rakam eşit sıklıkta çıksaydı her biri %10 olurdu. "
                  "*Sınıfların yayılımı*: her çekiliş aynı rakamsa 0, on rakam eşit sıklıktaysa 3,32. *Sıçramalık*: "
                  "iki test rakamının kodları arasında düz bir çizgide yürürken resmin tek adımdaki en büyük "
                  "değişiminin ortalama değişime oranı; 1 resmin düzgünce dönüştüğünü, daha büyüğü birden sıçradığını "
                  "gösterir. *Yeniden yapılandırma kaybı* (nat cinsinden, düşük olan iyi): her modelin test "
                  "resimlerini ne kadar kötü kopyaladığı; VAE'nin ödediği bedel. *Kodların yayılımı*: test "
                  "resimlerinin kodlarının (0, 0)'dan ne kadar uzakta olduğu; otokodlayıcınınkini 1 yakınında tutan "
                  "hiçbir şey yok.",
    "cmp.pct": "%{p}",
    "cmp.m.top": "{n} rastgele koddan en sık çıkan sınıf",
    "cmp.m.top_cell": "{share} ({cls})",
    "cmp.m.entropy": "Sınıfların yayılımı (bit; 3,32 = onu da eşit sıklıkta)",
    "cmp.m.evenness": "Düz bir yolun sıçramalığı (1 = düzgün)",
    "cmp.spread.title": "{n} rastgele kod neye dönüşüyor?",
    "cmp.spread.story": "(0, 0) çevresindeki buluttan {n} rastgele kod çektik ve aynılarını iki çözücüye de verdik; "
                        "sonra bir sınıflandırıcı her resmi adlandırdı. **Otokodlayıcı** **{top}** tane **{top_cls}** "
                        "çizdi ama yalnızca **{rare}** tane **{rare_cls}**: rastgele kodları kod alanının tek bir "
                        "köşesine düşüyor ve birkaç tür rakam olarak çıkıyor. **VAE** her sınıftan **{lo}** ile "
                        "**{hi}** arasında çizdi: bulutun her yeri bir rakam; bu yüzden rastgele kodlar her türden "
                        "yeni rakamlar verir.",
    "cmp.spread.x.mnist": "resmin adlandırıldığı rakam",
    "cmp.spread.x.fashion": "resmin adlandırıldığı giysi",
    "cmp.spread.y": "resim ({n} tane içinden)",
    "cmp.map.title": "Test resimleri nereye düşüyor (her test resminin kodu)",
    "cmp.map.caption": "İki model için aynı eksenler. Noktalı çemberler, rastgele çekilişlerin geldiği N(0, I)'nın "
                       "1, 2 ve 3 yarıçaplı çemberleridir. Gizlemek için açıklamadaki bir sınıfa tıklayın.",
    "cmp.map.outside": "Test kodlarının {share} kadarı bu aralığın dışında.",
    "cmp.grid.title": "Her çözücü aynı aralıkta ne çiziyor",
    "cmp.grid.caption": "İki eksende de −{lim} ile {lim} arasında eşit aralıklı {n} × {n} nokta; her biri çözüldü.",
    "cmp.draw.title": "{n} rastgele kod, her modelin çizimiyle",
    "cmp.draw.caption": "Aynı kodlar iki çözücüye de gider. Her resmin altında: bir sınıflandırıcının ona verdiği "
                        "rakam ya da karar veremediğinde ?.",
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
    "cmp.retrain.help": "Aynı boyutta yepyeni bir AE ile yepyeni bir VAE'yi (ara katmanlarda {hidden} birim, "
                        "{epochs} dönem, aynı tohum) seçtiğiniz veriyle, sunucunun eğitim kuyruğunda eğitir: tam veriyle bir dakikadan "
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
    "cmp.job.failed": "{label}: eğitim başarısız oldu: {reason}",
}
