"""Words of the β and posterior collapse page (pages/beta.py) and of its pictures (ui/charts.beta_pictures)."""

EN = {
    "beta.intro": (
        "A VAE's loss has two parts: how badly it copies a picture, and how much information its code carries "
        "(the KL, in nats). **β** is the weight on the second part. Here the same small VAE is trained with five "
        "values of β. The number to watch is the **KL of each code number, z₁ and z₂**: it says how much that "
        "number tells the decoder about the picture. When it falls to about 0, the number says nothing any more: "
        "that is called **collapse**."),
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
    "beta.col.numbers": "Reconstruction loss {recon} · total KL {kl} nats",
    "beta.col.kl": "KL of z₁ **{kl1}** · z₂ **{kl2}** nats",
    "beta.state.both": "Both numbers carry information: the digits spread out in both directions.",
    "beta.state.squeezed": "Both numbers still carry information, but less than at β = {beta}: the codes are "
                           "pulled toward (0, 0), so on these shared axes the cloud is small.",
    "beta.state.one": "One number is switched off (KL ≈ 0): the digits lie along a line, in one direction only.",
    "beta.state.none": "Collapsed: both KLs ≈ 0. Every picture gets the same code and the decoder draws the same "
                       "average blur for all of them.",
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
        "- **β = 0.1: sharp but scattered.** Information in the code is almost free, so the model behaves like a "
        "plain autoencoder: the sharpest copies, but its codes spread far beyond the cloud random codes come from, "
        "with gaps between the digits.\n"
        "- **β = 1: the balance the theory asks for.** Both KLs are well above 0: the codes fill the cloud around "
        "(0, 0) and the copies are still easy to read.\n"
        "- **β = 4: smooth but blurry.** Each nat of information now costs four times as much, so the codes keep "
        "less detail: the digit groups overlap more and the copies become blurred averages of similar digits.\n"
        "- **β = 16: half collapsed.** Watch the KL of one number drop to about 0: that number is switched off, "
        "and everything the model still knows must fit in the other one. On the map the digits lie along a line.\n"
        "- **β = 64: full collapse.** Both KLs are about 0: the code says nothing about the picture, every picture "
        "gets the same code, and the decoder draws the same average blur for everything, the one in the last row "
        "of reconstructions.\n"
        "- The chart shows the trade: as β grows, the KL falls to 0 and the copying loss rises to that of the "
        "average picture."),
}

TR = {
    "beta.intro": (
        "Bir VAE'nin kaybının iki parçası vardır: bir resmi ne kadar kötü kopyaladığı ve kodunun ne kadar bilgi "
        "taşıdığı (KL, nat cinsinden). **β**, ikinci parçanın ağırlığıdır. Burada aynı küçük VAE beş farklı β ile "
        "eğitildi. İzlenecek sayı, **her kod sayısının, z₁ ve z₂'nin KL'sidir**: o sayının çözücüye resim hakkında "
        "ne kadar şey söylediğini gösterir. Yaklaşık 0'a düştüğünde sayı artık hiçbir şey söylemez: buna "
        "**çöküş** denir."),
    "beta.setup": "β = {betas}; her model: ara katmanlarda {hidden} birim, burada seçilen veriyle {epochs} dönem. "
                  "Bu sunucuda bir kez eğitilirler, sonra bu sayfayı açan herkesle paylaşılırlar.",
    "beta.train_all": "{n} modeli eğit (yaklaşık bir dakika)",
    "beta.train_missing": "Eksik {n} modeli eğit",
    "beta.train_help": "Eğitimler sunucunun eğitim kuyruğunda sıralarını bekler; bu arada uygulamayı kullanmaya "
                       "devam edebilirsiniz.",
    "beta.none_yet": "Bu sunucuda bu veri için henüz β modeli eğitilmedi. Eğitmek için düğmeye basın.",
    "beta.maps.title": "Her β için test görüntüleri nereye düşüyor",
    "beta.maps.caption": "1.500 test görüntüsünün μ kodları, her model için aynı eksenlerde (±{lim}).",
    "beta.col.numbers": "Yeniden yapılandırma kaybı {recon} · toplam KL {kl} nat",
    "beta.col.kl": "z₁'in KL'si **{kl1}** · z₂'nin **{kl2}** nat",
    "beta.state.both": "İki sayı da bilgi taşıyor: rakamlar iki yönde de yayılıyor.",
    "beta.state.squeezed": "İki sayı da hâlâ bilgi taşıyor, ama β = {beta} olduğundakinden daha az: kodlar (0, 0)'a "
                           "doğru çekiliyor, bu yüzden bu ortak eksenlerde bulut küçük.",
    "beta.state.one": "Bir sayı kapandı (KL ≈ 0): rakamlar tek bir yönde, bir çizgi boyunca diziliyor.",
    "beta.state.none": "Çöktü: iki KL de ≈ 0. Her resim aynı kodu alıyor ve çözücü hepsi için aynı ortalama "
                       "bulanıklığı çiziyor.",
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
        "- **β = 0,1: keskin ama dağınık.** Koddaki bilgi neredeyse bedava; bu yüzden model sıradan bir "
        "otokodlayıcı gibi davranır: en keskin kopyalar, ama kodları rastgele kodların geldiği bulutun çok dışına "
        "yayılır ve rakamların arasında boşluklar kalır.\n"
        "- **β = 1: kuramın istediği denge.** İki KL de 0'ın epey üstünde: kodlar (0, 0) çevresindeki bulutu "
        "doldurur ve kopyalar hâlâ kolay okunur.\n"
        "- **β = 4: düzgün ama bulanık.** Her nat bilgi artık dört kat pahalı; bu yüzden kodlar daha az ayrıntı "
        "tutar: rakam grupları daha çok üst üste biner ve kopyalar benzer rakamların bulanık ortalamalarına "
        "dönüşür.\n"
        "- **β = 16: yarı çöküş.** Bir sayının KL'sinin yaklaşık 0'a düştüğünü izleyin: o sayı kapanır ve modelin "
        "hâlâ bildiği her şey ötekine sığmak zorunda kalır. Haritada rakamlar bir çizgi boyunca dizilir.\n"
        "- **β = 64: tam çöküş.** İki KL de yaklaşık 0: kod resim hakkında hiçbir şey söylemez, her resim aynı "
        "kodu alır ve çözücü her şey için aynı ortalama bulanıklığı çizer; yeniden yapılandırmaların son "
        "satırındaki gibi.\n"
        "- Grafik bu alışverişi gösterir: β büyüdükçe KL 0'a düşer ve kopyalama kaybı ortalama resminkine "
        "yükselir."),
}
