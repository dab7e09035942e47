EN = {
    "anom.intro": (
        "Two jobs a VAE can do besides drawing. **Cleaning damaged digits**: a model squeezes a picture into two "
        "numbers and draws it again, and it can only draw what it learned, so the dirt may not survive the "
        "squeeze. **Spotting the unusual**: the loss says how hard a picture is for the model to explain; pictures "
        "unlike anything it learned from get a high loss."),
    "anom.denoise_title": "Denoising",
    "anom.denoise_intro": "Damage some test digits, then let two models clean them: the model you are using, which "
                          "only ever learned from clean digits, and a **denoiser**, a VAE of the same size that was "
                          "trained on damaged digits to draw the clean one. Which of them gives the digit back? "
                          "Try each kind of damage and drag the strength.",
    "anom.kind": "Kind of damage",
    "anom.kind.gaussian": "Gaussian noise",
    "anom.kind.salt_pepper": "Salt and pepper",
    "anom.kind.square": "Blanked square",
    "anom.strength": "Strength",
    "anom.strength_help.gaussian": "Standard deviation of the noise added to every pixel (pixels run from 0 to 1).",
    "anom.strength_help.salt_pepper": "Fraction of the pixels set to pure black or pure white.",
    "anom.strength_help.square": "Side of the erased square as a fraction of the 28-pixel picture.",
    "anom.new_noise": "New noise",
    "anom.row_noisy": "Damaged (what both models get)",
    "anom.row_plain": "Cleaned by {name}, which learned from clean digits only: {kept} of {n} keep their class",
    "anom.row_denoiser": "Cleaned by the denoiser, trained on damaged digits: {kept} of {n} keep their class",
    "anom.row_clean": "Original (neither model sees it)",
    "anom.agree_title": "Over all 10,000 test digits, at this damage",
    "anom.agree_wait": "Cleaning all the test digits…",
    "anom.agree.plain": "{name} keeps the class of",
    "anom.agree.denoiser": "The denoiser keeps the class of",
    "anom.agree.ceiling": "{name} on undamaged digits",
    "anom.agree_help": "A cleaned picture **keeps its class** when it looks more like the average picture of its "
                       "own digit than like the average of any other digit (averages of the 60,000 training "
                       "pictures). The last figure is the plain model on digits with no damage at all: the best a "
                       "code of only two numbers can do, since some digits come back as a typical neighbour.",
    "anom.no_denoiser": "The denoiser was trained on MNIST digits, so it is shown only when your model works on "
                        "MNIST digits.",
    "anom.item": "{name}\n{loss}",
    "anom.rank_title": "The most unusual and the most typical test digits",
    "anom.rank_intro": "Every test digit gets a loss in nats (a unit of surprise: the higher, the harder the picture "
                       "was for the model to explain). Sorted by it, the top row shows what the model finds strange, "
                       "the bottom what it finds most ordinary. The number under each digit is its loss.",
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
    "anom.ex_desc.inverted": "{name}, inverted",
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
        "Bir VAE'nin çizmenin dışında yapabildiği iki iş. **Bozulmuş rakamları temizlemek**: model bir resmi iki "
        "sayıya sıkıştırıp yeniden çizer ve yalnızca öğrendiğini çizebilir; bu yüzden kir sıkıştırmadan sağ "
        "çıkmayabilir. **Sıra dışını fark etmek**: kayıp, bir resmi açıklamanın model için ne kadar zor olduğunu "
        "söyler; öğrendiklerine hiç benzemeyen resimler yüksek kayıp alır."),
    "anom.denoise_title": "Gürültü giderme",
    "anom.denoise_intro": "Bazı test rakamlarını bozun, sonra iki model temizlesin: kullandığınız model, ki "
                          "yalnızca temiz rakamlardan öğrendi, ve bir **gürültü giderici**, bozulmuş rakamlardan temiz "
                          "olanı çizmek için eğitilmiş aynı boyutta bir VAE. Hangisi rakamı geri veriyor? Her bozulma "
                          "türünü deneyin ve şiddeti değiştirin.",
    "anom.kind": "Bozulma türü",
    "anom.kind.gaussian": "Gauss gürültüsü",
    "anom.kind.salt_pepper": "Tuz ve biber",
    "anom.kind.square": "Silinmiş kare",
    "anom.strength": "Şiddet",
    "anom.strength_help.gaussian": "Her piksele eklenen gürültünün standart sapması (pikseller 0 ile 1 arasındadır).",
    "anom.strength_help.salt_pepper": "Tam siyah ya da tam beyaz yapılan piksellerin oranı.",
    "anom.strength_help.square": "Silinen karenin kenarı, 28 piksellik resmin kesri olarak.",
    "anom.new_noise": "Yeni gürültü",
    "anom.row_noisy": "Bozulmuş (iki modelin de aldığı)",
    "anom.row_plain": "{name} temizledi (yalnızca temiz rakamlardan öğrendi): {n} rakamdan {kept} tanesi sınıfını koruyor",
    "anom.row_denoiser": "Gürültü giderici temizledi (bozulmuş rakamlarla eğitildi): {n} rakamdan {kept} tanesi sınıfını koruyor",
    "anom.row_clean": "Özgün (iki model de bunu görmez)",
    "anom.agree_title": "Bu bozulmada, 10.000 test rakamının tamamında",
    "anom.agree_wait": "Bütün test rakamları temizleniyor…",
    "anom.agree.plain": "{name} sınıfı koruyor",
    "anom.agree.denoiser": "Gürültü giderici sınıfı koruyor",
    "anom.agree.ceiling": "{name}, bozulmamış rakamlarda",
    "anom.agree_help": "Temizlenmiş bir resim, kendi rakamının ortalama resmine başka herhangi bir rakamın "
                       "ortalamasından daha çok benziyorsa **sınıfını korur** (60.000 eğitim resminin ortalamaları). "
                       "Son sayı, hiç bozulmamış rakamlarda sıradan modeldir: yalnızca iki sayılık bir kodun "
                       "yapabileceğinin en iyisi, çünkü bazı rakamlar tipik bir komşu olarak geri gelir.",
    "anom.no_denoiser": "Gürültü giderici MNIST rakamlarıyla eğitildi; bu yüzden yalnızca modeliniz MNIST "
                        "rakamlarıyla çalışıyorsa gösterilir.",
    "anom.item": "{name}\n{loss}",
    "anom.rank_title": "En sıra dışı ve en tipik test rakamları",
    "anom.rank_intro": "Her test rakamı nat cinsinden bir kayıp alır (bir şaşkınlık birimi: ne kadar yüksekse resmi "
                       "açıklamak model için o kadar zor olmuş). Buna göre sıralandığında üst sıra modelin tuhaf "
                       "bulduğunu, alt sıra en sıradan bulduğunu gösterir. Her rakamın altındaki sayı onun kaybıdır.",
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
    "anom.ex_desc.inverted": "{name}, renkleri ters çevrilmiş",
    "anom.ex_desc.upload": "{name}, modelin gördüğü hâliyle",
    "anom.upload": "Resim dosyası (PNG, JPEG, GIF, BMP ya da WebP)",
    "anom.upload_help": "Önce MNIST tarzı 28 × 28'lik bir resme çevrilir: gri tonlu, kırpılmış, ölçeklenmiş ve "
                        "ortalanmış.",
    "anom.upload_none": "Yüklemek için bir resim dosyası seçin.",
    "anom.upload_empty": "Bu resim boş (tek düz renk): karşılaştıracak bir şey yok. Başka bir resim deneyin.",
    "anom.upload_bad": "Bu dosya kullanılamadı: {reason}",
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
