EN = {
    "recon.intro": "The encoder squeezes each picture into just two numbers; the decoder draws the picture again "
                   "from them. What survives the squeeze is what the model has learned: the kind of digit and its "
                   "rough shape, not every stroke. The number under each picture is its loss in nats, a measure of "
                   "how surprised the decoder was by the real picture: lower is better.",
    "recon.which": "Which test images",
    "recon.which.random": "Random",
    "recon.which.class": "One class",
    "recon.which.best": "Best reconstructed",
    "recon.which.worst": "Worst reconstructed",
    "recon.count": "How many",
    "recon.decode_from": "Decode from",
    "recon.from.mean": "the mean μ",
    "recon.from.sample": "a sample z = μ + σ·ε",
    "recon.decode_help": "The mean gives the model's best guess; a sample shows the spread of q(z|x). An autoencoder "
                         "has no spread, so it always decodes its code.",
    "recon.diff": "Show the difference",
    "recon.diff_help": "Red: ink the original has and the reconstruction lacks. Blue: ink the reconstruction adds.",
    "recon.diff_row": "Difference (red: missing, blue: extra)",
    "recon.shuffle": "Other images",
    "recon.item": "{cls} · {loss:.0f} nats",
    "recon.loss_note": "Mean reconstruction loss of these images: {mean:.1f} nats.",
    "recon.upload_title": "Your own digit",
    "recon.upload_help": "Upload a photo or scan of one handwritten digit (PNG or JPEG, any size or colour). It is turned "
                         "into an MNIST-style image: grayscale, white ink on black, scaled into a 20×20 box and "
                         "centred by its centre of mass.",
    "recon.upload": "Image file",
    "recon.upload_bad": "This image could not be used: {reason}",
    "recon.upload_empty": "This picture looks empty: no ink was found. Upload a picture of one digit.",
    "recon.upload_label": "Which digit is it?",
    "recon.upload_prepared": "Your digit, prepared like MNIST",
    "recon.upload_recon": "Reconstruction · {loss:.0f} nats",
}
TR = {
    "recon.intro": "Kodlayıcı her resmi yalnızca iki sayıya sıkıştırır; çözücü resmi onlardan yeniden çizer. "
                   "Sıkıştırmadan sağ çıkan, modelin öğrendiğidir: rakamın türü ve kabaca biçimi, her çizgisi "
                   "değil. Her resmin altındaki sayı nat cinsinden kaybıdır; çözücünün gerçek resme ne kadar "
                   "şaşırdığının ölçüsü: düşük olan iyidir.",
    "recon.which": "Hangi test görüntüleri",
    "recon.which.random": "Rastgele",
    "recon.which.class": "Tek bir sınıf",
    "recon.which.best": "En iyi yapılandırılanlar",
    "recon.which.worst": "En kötü yapılandırılanlar",
    "recon.count": "Kaç tane",
    "recon.decode_from": "Neyden çözülsün",
    "recon.from.mean": "ortalama μ",
    "recon.from.sample": "bir örnek z = μ + σ·ε",
    "recon.decode_help": "Ortalama, modelin en iyi tahminini verir; örnek ise q(z|x)'in yayılımını gösterir. "
                         "Otokodlayıcının yayılımı yoktur, hep kendi kodunu çözer.",
    "recon.diff": "Farkı göster",
    "recon.diff_help": "Kırmızı: özgünde olup yeniden yapılandırmada olmayan mürekkep. Mavi: yeniden yapılandırmanın "
                       "eklediği mürekkep.",
    "recon.diff_row": "Fark (kırmızı: eksik, mavi: fazla)",
    "recon.shuffle": "Başka görüntüler",
    "recon.item": "{cls} · {loss:.0f} nat",
    "recon.loss_note": "Bu görüntülerin ortalama yeniden yapılandırma kaybı: {mean:.1f} nat.",
    "recon.upload_title": "Kendi rakamınız",
    "recon.upload_help": "Elle yazılmış tek bir rakamın fotoğrafını ya da taramasını yükleyin (PNG ya da JPEG, her boyut "
                         "ve renk olur). Görüntü MNIST biçimine getirilir: gri tonlu, siyah üstüne beyaz mürekkep, "
                         "20×20'lik bir kutuya ölçeklenmiş ve kütle merkezine göre ortalanmış.",
    "recon.upload": "Görüntü dosyası",
    "recon.upload_bad": "Bu resim kullanılamadı: {reason}",
    "recon.upload_empty": "Bu resim boş görünüyor: hiç mürekkep bulunamadı. Tek bir rakamın resmini yükleyin.",
    "recon.upload_label": "Bu hangi rakam?",
    "recon.upload_prepared": "Rakamınız, MNIST gibi hazırlanmış",
    "recon.upload_recon": "Yeniden yapılandırma · {loss:.0f} nat",
}
