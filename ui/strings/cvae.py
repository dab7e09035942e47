"""Words of the conditional VAE page (pages/cvae.py)."""

EN = {
    "cvae.intro": (
        "This model is told which digit to draw. So its two code numbers no longer need to say *which* digit it is: "
        "they keep what is left, the **handwriting** (slant, thickness, width). Choose a digit and move through the "
        "handwriting; then keep the handwriting and change the digit."),
    "cvae.using_active": "Model: {name} (your active model).",
    "cvae.using_shipped": "Model: {name}. Your active model is not conditional, so this page uses the shipped one.",
    "cvae.class": "Class to draw",
    "cvae.random_style": "Random style from N(0, I)",
    "cvae.random_style_help": "Draw z from N(0, I), the distribution the decoder was trained to understand.",
    "cvae.decoded": "{cls} at z = ({z1}, {z2})",
    "cvae.grid.title": "The same style, every class",
    "cvae.grid.caption": "The same z = ({z1}, {z2}) decoded with each label: the slant and thickness stay, the "
                         "class changes.",
    "cvae.restyle.title": "Style transfer: re-draw a test image as every other class",
    "cvae.restyle.caption": "The encoder reads the image together with its true label and gives its code μ, its "
                            "style. The decoder then draws that μ with each label in turn.",
    "cvae.restyle.original": "Original: {cls}",
    "cvae.restyle.code": "Its style code: μ = ({z1}, {z2}), read with the label {cls} (marked ✓).",
    "cvae.why.title": "Why does this work?",
    "cvae.why": (
        "- In a plain VAE the 2-D code has to hold both the class and the style, so the classes sit in separate "
        "regions of the latent space and moving z changes the class.\n"
        "- In a conditional VAE the decoder gets the class for free. Keeping the class in z would cost KL and buy "
        "nothing, so the KL term pushes it out: every class uses the whole of N(0, I), and the same point z means "
        "the same style in every class.\n"
        "- That is why one z drawn as every class gives matching handwriting, and why an image's code can be "
        "re-drawn as another class."),
}

TR = {
    "cvae.intro": (
        "Bu modele hangi rakamı çizeceği söylenir. Bu yüzden iki kod sayısının artık *hangi* rakam olduğunu "
        "söylemesi gerekmez: geriye kalanı, **el yazısını** (eğiklik, kalınlık, genişlik) tutarlar. Bir rakam seçin "
        "ve el yazısında dolaşın; sonra el yazısını tutup rakamı değiştirin."),
    "cvae.using_active": "Model: {name} (etkin modeliniz).",
    "cvae.using_shipped": "Model: {name}. Etkin modeliniz koşullu değil; bu yüzden bu sayfa uygulamayla gelen modeli "
                          "kullanıyor.",
    "cvae.class": "Çizilecek sınıf",
    "cvae.random_style": "N(0, I)'dan rastgele stil",
    "cvae.random_style_help": "z'yi, çözücünün anlamak üzere eğitildiği dağılım olan N(0, I)'dan çekin.",
    "cvae.decoded": "z = ({z1}; {z2}) noktasında {cls}",
    "cvae.grid.title": "Aynı stil, her sınıf",
    "cvae.grid.caption": "Aynı z = ({z1}; {z2}) her etiketle çözüldü: eğim ve kalınlık kalır, sınıf değişir.",
    "cvae.restyle.title": "Stil aktarımı: bir test görüntüsünü diğer her sınıf olarak yeniden çiz",
    "cvae.restyle.caption": "Kodlayıcı görüntüyü gerçek etiketiyle birlikte okur ve μ kodunu, yani stilini verir. "
                            "Ardından çözücü bu μ'yü sırayla her etiketle çizer.",
    "cvae.restyle.original": "Özgün: {cls}",
    "cvae.restyle.code": "Stil kodu: μ = ({z1}; {z2}), {cls} etiketiyle okundu (✓ ile işaretli).",
    "cvae.why.title": "Bu neden işe yarıyor?",
    "cvae.why": (
        "- Düz bir VAE'de 2 boyutlu kod hem sınıfı hem stili taşımak zorundadır; bu yüzden sınıflar gizli alanın "
        "ayrı bölgelerinde durur ve z'yi değiştirmek sınıfı değiştirir.\n"
        "- Koşullu bir VAE'de çözücü sınıfı bedavaya alır. Sınıfı z'de tutmak KL'ye mal olur ve hiçbir şey "
        "kazandırmaz; bu yüzden KL terimi onu dışarı iter: her sınıf N(0, I)'nın tamamını kullanır ve aynı z "
        "noktası her sınıfta aynı stil demektir.\n"
        "- Bu yüzden tek bir z her sınıf olarak çizildiğinde el yazısı birbirini tutar ve bir görüntünün kodu başka "
        "bir sınıf olarak yeniden çizilebilir."),
}
