EN = {
    "train.intro": "Train a model of your own. It looks at the training pictures again and again (each pass is an "
                   "**epoch**) and after every few pictures nudges its numbers so that its copies get better. The "
                   "curves show its **loss** falling, in **nats** (lower is better; guessing every pixel by a coin "
                   "toss would cost 543). The Quick recipe makes a usable MNIST VAE in seconds; Standard a sharper "
                   "one in under a minute. Training runs on the server in the background: you can watch the curves, "
                   "stop it, or look at other pages. The result is yours alone until you save it under a name.",
    "train.dataset": "Dataset",
    "train.kind": "Model",
    "train.kind_help": "VAE: the encoder gives a cloud q(z|x), trained with reconstruction + KL. Autoencoder (AE): one "
                       "point per image, reconstruction only. Conditional VAE: the class is given to both encoder and "
                       "decoder, so z only has to hold the style.",
    "train.size": "Network size",
    "train.size.small": "Small ({sizes})",
    "train.size.large": "Large ({sizes})",
    "train.epochs": "Epochs",
    "train.epochs_help": "One epoch is one pass over all training images.",
    "train.batch": "Batch size",
    "train.batch_help": "Images per gradient step. Smaller batches take more, noisier steps.",
    "train.lr": "Learning rate",
    "train.lr_help": "Step size of the Adam optimiser. Too large and training becomes unstable; too small and it is slow.",
    "train.beta_help": "Weight of the KL term. 1 is the real ELBO; larger values give a smoother but blurrier model, "
                       "and very large values make the posterior collapse onto the prior.",
    "train.seed": "Random seed",
    "train.seed_help": "The same seed and settings give the same model.",
    "train.cosine": "Slow the learning rate down towards the end",
    "train.cosine_help": "A cosine schedule: the step size falls smoothly to 1/20 of its start, which usually gives a "
                         "lower final loss.",
    "train.data_note": "Training data: {data}",
    "train.start": "Start training",
    "train.stop": "Stop",
    "train.continue": "Continue training",
    "train.continue_help": "Train your current model for more epochs (a quarter of the learning rate, slowing down "
                           "towards the end). The curves carry on from where they were.",
    "train.more_epochs": "More epochs",
    "train.queue_full": "Training could not start: {reason}",
    "train.queued": "Waiting for the server: you are number {pos} in line ({running} training running now). It "
                    "starts by itself; you can stay on this page or come back.",
    "train.starting": "Starting…",
    "train.starting_cluster": "Starting the training workers (only the first training of the day waits for this)…",
    "train.running": "Epoch {epoch} of {epochs} · loss {loss:.1f} nats · {seconds:.0f} s",
    "train.done": "Training finished after epoch {epochs}. Test loss (negative ELBO) {loss:.1f} nats. This model is now your active "
                  "model: every page uses it.",
    "train.stopped": "Stopped after epoch {epochs}. That model is now your active model.",
    "train.stopped_abandoned": "Stopped after epoch {epochs} because nobody was watching (the page was closed). That "
                               "model is now your active model.",
    "train.stopped_nothing": "Stopped before the first epoch ended: there is no model to keep.",
    "train.failed": "Training failed: {reason}",
    "train.session_name": "My model (epoch {epochs})",
    "train.curve.recon": "Reconstruction loss",
    "train.curve.kl": "KL divergence",
    "train.curve.total": "Total (negative ELBO)",
    "train.curve.train": "training set",
    "train.curve.test": "test set",
    "train.curve.epoch": "epoch",
    "train.curve.nats": "nats per image",
    "train.latent_now": "Latent space after the last epoch",
    "train.save_title": "Save your model on this server",
    "train.save_name": "Name",
    "train.save_help": "Letters (any language), digits, - and _. Other characters become -. Saved models appear for "
                       "everyone under “Saved on this server”.",
    "train.save": "Save",
    "train.save_bad_name": "Use at least one letter or digit in the name.",
    "train.save_exists": "A model named “{name}” already exists.",
    "train.save_overwrite": "Replace the existing “{name}”",
    "train.save_failed": "The model could not be saved: {reason}",
    "train.saved": "Saved as “{name}”. Everyone on this server can now pick it under “Saved on this server”.",
    "train.preset": "Recipe",
    "train.preset_help": "Quick is enough to see the latent space form clusters and to decode readable digits. "
                         "Standard trains ten times longer for a sharper model. Custom: your own settings below "
                         "(moving any of them switches to Custom).",
    "train.preset.quick": "Quick",
    "train.preset.standard": "Standard",
    "train.preset.custom": "Custom",
    "train.preset.about": "about {seconds} of one processor core, about {nats} nats on MNIST",
    "train.preset.custom_about": "your own settings; the time grows with epochs and network size",
    "train.settings": "Settings",
    "train.dur.s": "{s} s",
    "train.dur.min": "{m} min",
    "train.dur.min_s": "{m} min {s} s",
    "train.eta_wait": "Estimated start in about {start}; ready in about {done} (from the pace of the trainings that "
                      "already ran on this server).",
    "train.eta_run": "Ready in about {done}.",
    "train.msg.worker_lost": "The computer that was training your model stopped. Your training will start again "
                             "from the beginning on another worker, by itself.",
    "train.msg.restarted": "Your training started again on another worker after the first one stopped.",
    "train.stopped_teacher": "Your teacher stopped this training after {epochs} finished epochs. That model is now "
                             "your active model.",
    "train.failed_worker_lost": "The computer that was training your model stopped working, more than once. "
                                "Nothing you already had is lost: press “Start training” to try again.",
    "train.failed_cluster_lost": "The server lost its connection to the training computers. Nothing you already had "
                                 "is lost: press “Start training” to train again (it now runs on this server).",
    "train.worker_data": "Trained on: {data} ({where})",
    "train.device.cpu": "a processor",
    "train.device.cuda": "a graphics card",
    "train.notice.scheduler_unreachable": "The school's training cluster ({address}) could not be reached, so "
                                          "trainings run on this server instead. Tell your teacher.",
    "train.notice.scheduler_lost": "The connection to the school's training cluster ({address}) was lost, so "
                                   "trainings now run on this server instead. Tell your teacher.",
}
TR = {
    "train.intro": "Kendi modelinizi eğitin. Model eğitim resimlerine tekrar tekrar bakar (her geçiş bir "
                   "**dönem**dir) ve birkaç resimde bir sayılarını, kopyaları daha iyi olsun diye biraz değiştirir. "
                   "Eğriler **kaybın** düştüğünü **nat** cinsinden gösterir (düşük olan iyi; her pikseli yazı turayla "
                   "tahmin etmek 543 nat tutardı). Hızlı tarif birkaç saniyede kullanılabilir bir MNIST VAE'si üretir; "
                   "Standart tarif bir dakikadan kısa sürede daha keskin birini. Eğitim sunucuda arka planda çalışır: "
                   "eğrileri izleyebilir, durdurabilir ya da başka sayfalara bakabilirsiniz. Sonuç, bir adla "
                   "kaydedene kadar yalnızca sizindir.",
    "train.dataset": "Veri kümesi",
    "train.kind": "Model",
    "train.kind_help": "VAE: kodlayıcı bir q(z|x) bulutu verir; yeniden yapılandırma + KL ile eğitilir. Otokodlayıcı "
                       "(AE): her görüntü için tek nokta, yalnızca yeniden yapılandırma. Koşullu VAE: sınıf hem "
                       "kodlayıcıya hem çözücüye verilir; böylece z yalnızca yazım biçimini tutar.",
    "train.size": "Ağ boyutu",
    "train.size.small": "Küçük ({sizes})",
    "train.size.large": "Büyük ({sizes})",
    "train.epochs": "Dönem (epoch) sayısı",
    "train.epochs_help": "Bir dönem, tüm eğitim görüntülerinin üzerinden bir kez geçmektir.",
    "train.batch": "Yığın boyutu",
    "train.batch_help": "Gradyan adımı başına görüntü sayısı. Küçük yığınlar daha çok ve daha gürültülü adım atar.",
    "train.lr": "Öğrenme oranı",
    "train.lr_help": "Adam eniyileyicisinin adım büyüklüğü. Çok büyükse eğitim kararsızlaşır; çok küçükse yavaşlar.",
    "train.beta_help": "KL teriminin ağırlığı. 1 gerçek ELBO'dur; büyük değerler daha düzgün ama daha bulanık bir "
                       "model verir, çok büyük değerlerde sonsal dağılım önsele çöker.",
    "train.seed": "Rastgelelik tohumu",
    "train.seed_help": "Aynı tohum ve ayarlar aynı modeli verir.",
    "train.cosine": "Sona doğru öğrenme oranını düşür",
    "train.cosine_help": "Kosinüs çizelgesi: adım büyüklüğü başlangıcının 1/20'sine yumuşakça iner; bu genellikle daha "
                         "düşük bir son kayıp verir.",
    "train.data_note": "Eğitim verisi: {data}",
    "train.start": "Eğitimi başlat",
    "train.stop": "Durdur",
    "train.continue": "Eğitime devam et",
    "train.continue_help": "Şu anki modelinizi birkaç dönem daha eğitin (öğrenme oranının dörtte biriyle, sona doğru "
                           "yavaşlayarak). Eğriler kaldıkları yerden sürer.",
    "train.more_epochs": "Ek dönem sayısı",
    "train.queue_full": "Eğitim başlatılamadı: {reason}",
    "train.queued": "Sunucu bekleniyor: sırada {pos}. sıradasınız (şu anda {running} eğitim çalışıyor). Kendiliğinden "
                    "başlayacak; bu sayfada kalabilir ya da sonra dönebilirsiniz.",
    "train.starting": "Başlıyor…",
    "train.starting_cluster": "Eğitim çalışanları başlatılıyor (bunu yalnızca günün ilk eğitimi bekler)…",
    "train.running": "Dönem {epoch}/{epochs} · kayıp {loss:.1f} nat · {seconds:.0f} sn",
    "train.done": "Eğitim bitti (toplam {epochs} dönem). Test kaybı (negatif ELBO) {loss:.1f} nat. Bu model artık etkin "
                  "modeliniz: bütün sayfalar onu kullanıyor.",
    "train.stopped": "Tamamlanan {epochs} dönemden sonra durduruldu. O model artık etkin modeliniz.",
    "train.stopped_abandoned": "{epochs} dönemden sonra durduruldu, çünkü izleyen kimse yoktu (sayfa kapatılmıştı). O "
                               "model artık etkin modeliniz.",
    "train.stopped_nothing": "İlk dönem bitmeden durduruldu: saklanacak bir model yok.",
    "train.failed": "Eğitim başarısız oldu: {reason}",
    "train.session_name": "Modelim ({epochs} dönem)",
    "train.curve.recon": "Yeniden yapılandırma kaybı",
    "train.curve.kl": "KL ıraksaması",
    "train.curve.total": "Toplam (negatif ELBO)",
    "train.curve.train": "eğitim kümesi",
    "train.curve.test": "test kümesi",
    "train.curve.epoch": "dönem",
    "train.curve.nats": "görüntü başına nat",
    "train.latent_now": "Son dönemden sonra gizli alan",
    "train.save_title": "Modelinizi bu sunucuya kaydedin",
    "train.save_name": "Ad",
    "train.save_help": "Harfler (her dilde), rakamlar, - ve _. Diğer karakterler - olur. Kayıtlı modeller herkese "
                       "“Bu sunucuda kayıtlı” altında görünür.",
    "train.save": "Kaydet",
    "train.save_bad_name": "Adda en az bir harf ya da rakam kullanın.",
    "train.save_exists": "“{name}” adında bir model zaten var.",
    "train.save_overwrite": "Var olan “{name}” modelinin yerine yaz",
    "train.save_failed": "Model kaydedilemedi: {reason}",
    "train.saved": "“{name}” olarak kaydedildi. Bu sunucudaki herkes artık onu “Bu sunucuda kayıtlı” altında seçebilir.",
    "train.preset": "Tarif",
    "train.preset_help": "Hızlı tarif, gizli alanda kümelerin oluştuğunu görmeye ve okunaklı rakamlar çözmeye "
                         "yeter. Standart tarif on kat uzun eğitir ve daha keskin bir model verir. Özel: aşağıdaki "
                         "kendi ayarlarınız (herhangi birini değiştirmek Özel'e geçirir).",
    "train.preset.quick": "Hızlı",
    "train.preset.standard": "Standart",
    "train.preset.custom": "Özel",
    "train.preset.about": "tek işlemci çekirdeğinde yaklaşık {seconds}, MNIST'te yaklaşık {nats} nat",
    "train.preset.custom_about": "kendi ayarlarınız; süre dönem sayısı ve ağ boyutuyla artar",
    "train.settings": "Ayarlar",
    "train.dur.s": "{s} sn",
    "train.dur.min": "{m} dk",
    "train.dur.min_s": "{m} dk {s} sn",
    "train.eta_wait": "Tahmini başlangıç yaklaşık {start} sonra; yaklaşık {done} sonra hazır (bu sunucuda daha önce "
                      "biten eğitimlerin hızından hesaplandı).",
    "train.eta_run": "Yaklaşık {done} sonra hazır.",
    "train.msg.worker_lost": "Modelinizi eğiten bilgisayar durdu. Eğitiminiz başka bir çalışanda baştan, "
                             "kendiliğinden yeniden başlayacak.",
    "train.msg.restarted": "İlk çalışan durduktan sonra eğitiminiz başka bir çalışanda yeniden başladı.",
    "train.stopped_teacher": "Öğretmeniniz bu eğitimi tamamlanan {epochs} dönemden sonra durdurdu. O model artık "
                             "etkin modeliniz.",
    "train.failed_worker_lost": "Modelinizi eğiten bilgisayar birden çok kez çalışmayı bıraktı. Elinizdeki hiçbir şey "
                                "kaybolmadı: yeniden denemek için “Eğitimi başlat”a basın.",
    "train.failed_cluster_lost": "Sunucu, eğitim bilgisayarlarıyla bağlantısını kaybetti. Elinizdeki hiçbir şey "
                                 "kaybolmadı: yeniden eğitmek için “Eğitimi başlat”a basın (artık bu sunucuda çalışır).",
    "train.worker_data": "Eğitim verisi: {data} ({where})",
    "train.device.cpu": "bir işlemci",
    "train.device.cuda": "bir ekran kartı",
    "train.notice.scheduler_unreachable": "Okulun eğitim kümesine ({address}) ulaşılamadı; eğitimler bunun yerine bu "
                                          "sunucuda çalışıyor. Öğretmeninize söyleyin.",
    "train.notice.scheduler_lost": "Okulun eğitim kümesiyle ({address}) bağlantı koptu; eğitimler artık bu sunucuda "
                                   "çalışıyor. Öğretmeninize söyleyin.",
}
