EN = {
    "anom.intro": (
        "Two everyday uses of a VAE. **Denoising**: the decoder can only draw what it learned, so the reconstruction "
        "of a damaged digit is pulled back towards a clean digit. **Anomaly detection**: the loss (the negative "
        "ELBO) says how badly the model explains an image; images unlike the training data get a high loss."),
    "anom.denoise_title": "Denoising",
    "anom.denoise_intro": "Damage some test digits, let the VAE encode and decode them, and compare with the "
                          "clean originals.",
    "anom.kind": "Kind of damage",
    "anom.kind.gaussian": "Gaussian noise",
    "anom.kind.salt_pepper": "Salt and pepper",
    "anom.kind.square": "Blanked square",
    "anom.strength": "Strength",
    "anom.strength_help.gaussian": "Standard deviation of the noise added to every pixel (pixels run from 0 to 1).",
    "anom.strength_help.salt_pepper": "Fraction of the pixels set to pure black or pure white.",
    "anom.strength_help.square": "Side of the erased square as a fraction of the 28-pixel picture.",
    "anom.new_noise": "New noise",
    "anom.row_noisy": "Damaged (what the encoder gets)",
    "anom.row_recon": "Reconstruction",
    "anom.row_clean": "Original (the model never sees it)",
    "anom.mse": "Mean squared pixel error against the originals: damaged {noisy}, reconstruction {recon}. "
                "For reference, reconstructing the undamaged digits gives {base}: a code of two numbers cannot "
                "keep every detail, so the reconstruction is a typical version of the digit, not a copy.",
    "anom.item": "#{idx} · {loss}",
    "anom.rank_title": "The most unusual and the most typical test digits",
    "anom.rank_intro": "Every test digit gets a loss in nats (the negative ELBO: reconstruction loss + KL). "
                       "Sorted by that score, the top shows what the model finds strange, the bottom what it "
                       "finds most ordinary. The number under each digit is its loss.",
    "anom.ae": "This is a plain autoencoder: its loss is the reconstruction loss alone (there is no KL term and no "
               "ELBO), but it still ranks images by how badly they are redrawn.",
    "anom.score": "Rank by",
    "anom.score.loss": "loss (negative ELBO)",
    "anom.score.typicality": "distance from the typical loss",
    "anom.score_help": "A loss far BELOW the usual is suspicious too: a blank page is easier to draw than any "
                       "digit. 'Distance from the typical loss' (the typicality test of Nalisnick et al., 2019) "
                       "flags both ends.",
    "anom.unusual": "The {n} most unusual",
    "anom.typical": "The {n} most typical",
    "anom.rank_caption": "Loss over the whole test set: mean {mean} nats, median {median} nats.",
    "anom.yours_title": "Your own image",
    "anom.yours_intro": "Upload a picture (a digit, or anything else) or try an example, and see where its loss "
                        "falls among the test digits.",
    "anom.source": "Image",
    "anom.ex.upload": "Upload a picture",
    "anom.ex.blank": "Blank page",
    "anom.ex.inverted": "Inverted digit",
    "anom.ex.noise": "Random noise",
    "anom.ex_desc.blank": "A blank page",
    "anom.ex_desc.noise": "Random noise",
    "anom.ex_desc.inverted": "Test digit #{idx}, inverted",
    "anom.ex_desc.upload": "{name}, as the model sees it",
    "anom.upload": "Picture file (PNG, JPEG, GIF, BMP or WebP)",
    "anom.upload_help": "It is turned into an MNIST-style 28 × 28 picture first: grey, cropped, scaled and centred.",
    "anom.upload_none": "Choose a picture file to upload.",
    "anom.upload_empty": "This picture is empty (one flat colour): there is nothing to compare. Try another one.",
    "anom.upload_bad": "This file could not be used: {reason}",
    "anom.condition": "Class given to the conditional model",
    "anom.its_recon": "Its reconstruction",
    "anom.hist_test": "test digits",
    "anom.hist_x": "loss (nats, log scale)",
    "anom.hist_y": "number of test digits",
    "anom.hist_marker": "this image: {loss} nats",
    "anom.verdict": "Its loss is **{loss} nats**: higher than **{pct}%** of the test digits. "
                    "By distance from the typical loss it is more unusual than **{typ}%** of them.",
    "anom.low_loss_note": "A low loss does not always mean 'a normal digit': simple pictures such as a blank page are "
                          "easy for the decoder to draw. That is why the distance from the typical loss is shown too.",
}
TR = {
    "anom.intro": (
        "Bir VAE'nin iki gündelik kullanımı. **Gürültü giderme**: çözücü yalnızca öğrendiğini çizebilir; bu yüzden "
        "bozulmuş bir rakamın yeniden yapılandırması temiz bir rakama doğru çekilir. **Aykırı değer tespiti**: "
        "kayıp (negatif ELBO) modelin bir görüntüyü ne kadar kötü açıkladığını söyler; eğitim verisine "
        "benzemeyen görüntüler yüksek kayıp alır."),
    "anom.denoise_title": "Gürültü giderme",
    "anom.denoise_intro": "Bazı test rakamlarını bozun, VAE onları kodlayıp çözsün ve temiz özgün hâlleriyle "
                          "karşılaştırın.",
    "anom.kind": "Bozulma türü",
    "anom.kind.gaussian": "Gauss gürültüsü",
    "anom.kind.salt_pepper": "Tuz ve biber",
    "anom.kind.square": "Silinmiş kare",
    "anom.strength": "Şiddet",
    "anom.strength_help.gaussian": "Her piksele eklenen gürültünün standart sapması (pikseller 0 ile 1 arasındadır).",
    "anom.strength_help.salt_pepper": "Tam siyah ya da tam beyaz yapılan piksellerin oranı.",
    "anom.strength_help.square": "Silinen karenin kenarı, 28 piksellik resmin kesri olarak.",
    "anom.new_noise": "Yeni gürültü",
    "anom.row_noisy": "Bozulmuş (kodlayıcının aldığı)",
    "anom.row_recon": "Yeniden yapılandırma",
    "anom.row_clean": "Özgün (model bunu hiç görmez)",
    "anom.mse": "Özgünlere göre ortalama kare piksel hatası: bozulmuş {noisy}, yeniden yapılandırma {recon}. "
                "Karşılaştırma için, bozulmamış rakamları yeniden yapılandırmak {base} verir: iki sayılık bir kod "
                "her ayrıntıyı tutamaz; bu yüzden yeniden yapılandırma rakamın bir kopyası değil, tipik bir hâlidir.",
    "anom.item": "#{idx} · {loss}",
    "anom.rank_title": "En sıra dışı ve en tipik test rakamları",
    "anom.rank_intro": "Her test rakamı nat cinsinden bir kayıp alır (negatif ELBO: yeniden yapılandırma kaybı + "
                       "KL). Bu puana göre sıralandığında en üstte modelin tuhaf bulduğu, en altta en sıradan "
                       "bulduğu rakamlar yer alır. Her rakamın altındaki sayı onun kaybıdır.",
    "anom.ae": "Bu sıradan bir otokodlayıcı: kaybı yalnızca yeniden yapılandırma kaybıdır (KL terimi ve ELBO "
               "yoktur), ama görüntüleri ne kadar kötü yeniden çizildiklerine göre yine de sıralar.",
    "anom.score": "Sıralama ölçütü",
    "anom.score.loss": "kayıp (negatif ELBO)",
    "anom.score.typicality": "tipik kayıptan uzaklık",
    "anom.score_help": "Olağanın çok ALTINDA bir kayıp da şüphelidir: boş bir sayfayı çizmek her rakamdan daha "
                       "kolaydır. 'Tipik kayıptan uzaklık' (Nalisnick ve diğerleri, 2019, tipiklik testi) iki "
                       "ucu da işaretler.",
    "anom.unusual": "En sıra dışı {n} rakam",
    "anom.typical": "En tipik {n} rakam",
    "anom.rank_caption": "Tüm test kümesinde kayıp: ortalama {mean} nat, ortanca {median} nat.",
    "anom.yours_title": "Kendi görüntünüz",
    "anom.yours_intro": "Bir resim yükleyin (bir rakam ya da başka herhangi bir şey) ya da bir örnek deneyin ve "
                        "kaybının test rakamları arasında nereye düştüğünü görün.",
    "anom.source": "Görüntü",
    "anom.ex.upload": "Resim yükle",
    "anom.ex.blank": "Boş sayfa",
    "anom.ex.inverted": "Renkleri ters çevrilmiş rakam",
    "anom.ex.noise": "Rastgele gürültü",
    "anom.ex_desc.blank": "Boş bir sayfa",
    "anom.ex_desc.noise": "Rastgele gürültü",
    "anom.ex_desc.inverted": "Test rakamı #{idx}, renkleri ters çevrilmiş",
    "anom.ex_desc.upload": "{name}, modelin gördüğü hâliyle",
    "anom.upload": "Resim dosyası (PNG, JPEG, GIF, BMP ya da WebP)",
    "anom.upload_help": "Önce MNIST tarzı 28 × 28'lik bir resme çevrilir: gri tonlu, kırpılmış, ölçeklenmiş ve "
                        "ortalanmış.",
    "anom.upload_none": "Yüklemek için bir resim dosyası seçin.",
    "anom.upload_empty": "Bu resim boş (tek düz renk): karşılaştıracak bir şey yok. Başka bir resim deneyin.",
    "anom.upload_bad": "Bu dosya okunabilir bir görüntü olmadığı için kullanılamadı. Ayrıntı (İngilizce): {reason}",
    "anom.condition": "Koşullu modele verilen sınıf",
    "anom.its_recon": "Yeniden yapılandırması",
    "anom.hist_test": "test rakamları",
    "anom.hist_x": "kayıp (nat, logaritmik ölçek)",
    "anom.hist_y": "test rakamı sayısı",
    "anom.hist_marker": "bu görüntü: {loss} nat",
    "anom.verdict": "Kaybı **{loss} nat**: test rakamlarının **%{pct}** kadarından yüksek. Tipik kayıptan "
                    "uzaklığa göre ise onların **%{typ}** kadarından daha sıra dışı.",
    "anom.low_loss_note": "Düşük kayıp her zaman 'sıradan bir rakam' demek değildir: boş sayfa gibi basit resimleri "
                          "çözücü kolayca çizer. Bu yüzden tipik kayıptan uzaklık da gösteriliyor.",
}
