EN = {
    "train.intro": "Train a model of your own. The defaults make a good MNIST VAE in well under a minute on a laptop "
                   "CPU. Training runs on the server in the background: you can watch the curves, stop it, or look "
                   "at other pages. The result is yours alone until you save it under a name.",
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
}
TR = {
    "train.intro": "Kendi modelinizi eğitin. Varsayılan ayarlar, bir dizüstü bilgisayarın işlemcisinde bir dakikadan "
                   "çok daha kısa sürede iyi bir MNIST VAE'si üretir. Eğitim sunucuda arka planda çalışır: eğrileri "
                   "izleyebilir, durdurabilir ya da başka sayfalara bakabilirsiniz. Sonuç, bir adla kaydedene kadar "
                   "yalnızca sizindir.",
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
}
