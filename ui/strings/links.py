"""Words of the link machinery (ui/links.py), "my model" (ui/models.py) and following the teacher (ui/follow.py)."""
EN = {
    "links.bad": "Some settings in this link could not be used, so they were left at their usual values or "
                 "brought into range: {names}.",
    "links.junk": "This link had parts the app does not know; they were ignored.",
    "links.share": "Share this view",
    "links.share_help": "This link opens the same page, model and settings. Copy it, or scan the code.",
    "links.qr_caption": "Scan to open this view",
    "links.show_qr": "Show a QR code",
    "links.my_model": "My model: {name}",
    "links.my_model_plain": "My model",
    "links.autosaved": "Kept for 7 days: this page's link brings your model back, even on another device.",
    "links.autosave_failed": "Your model could not be kept on the server (the disk refused), so it will be lost "
                             "on a reload. Save it by name on the Train page.",
    "follow.title": "Class",
    "follow.follow": "Follow the teacher",
    "follow.follow_help": "Your page, model and point move with the teacher's screen. Untick to explore alone.",
    "follow.waiting": "Waiting for the teacher…",
    "follow.following": "Following the teacher.",
    "follow.teacher": "I am the teacher",
    "follow.code": "Teacher code",
    "follow.wrong": "That is not the teacher code.",
    "follow.locked": "Too many wrong codes in this tab. Reload the page to try again.",
    "follow.live": "Students follow my screen",
    "follow.live_help": "While on, every student who ticked \"Follow the teacher\" sees your page, model and point.",
    "follow.teacher_now": "You are the teacher: followers see this page.",
    "follow.teacher_paused": "Paused: followers stay where they are.",
}
TR = {
    "links.bad": "Bu bağlantıdaki bazı ayarlar kullanılamadı; olağan değerlerinde bırakıldı ya da aralığa "
                 "getirildi: {names}.",
    "links.junk": "Bu bağlantıda uygulamanın tanımadığı parçalar vardı; yok sayıldılar.",
    "links.share": "Bu görünümü paylaş",
    "links.share_help": "Bu bağlantı aynı sayfayı, modeli ve ayarları açar. Kopyalayın ya da kodu okutun.",
    "links.qr_caption": "Bu görünümü açmak için okutun",
    "links.show_qr": "Karekodu göster",
    "links.my_model": "Modelim: {name}",
    "links.my_model_plain": "Modelim",
    "links.autosaved": "7 gün saklanır: bu sayfanın bağlantısı modelinizi geri getirir, başka bir cihazda bile.",
    "links.autosave_failed": "Modeliniz sunucuda saklanamadı (disk reddetti); sayfa yenilenince kaybolur. "
                             "Eğit sayfasında bir adla kaydedin.",
    "follow.title": "Sınıf",
    "follow.follow": "Öğretmeni izle",
    "follow.follow_help": "Sayfanız, modeliniz ve noktanız öğretmenin ekranıyla birlikte değişir. Kendi başınıza "
                          "keşfetmek için işareti kaldırın.",
    "follow.waiting": "Öğretmen bekleniyor…",
    "follow.following": "Öğretmeni izliyorsunuz.",
    "follow.teacher": "Öğretmenim",
    "follow.code": "Öğretmen kodu",
    "follow.wrong": "Bu, öğretmen kodu değil.",
    "follow.locked": "Bu sekmede çok fazla yanlış kod girildi. Yeniden denemek için sayfayı yenileyin.",
    "follow.live": "Öğrenciler ekranımı izlesin",
    "follow.live_help": "Açıkken \"Öğretmeni izle\" kutusunu işaretleyen her öğrenci sayfanızı, modelinizi ve "
                        "noktanızı görür.",
    "follow.teacher_now": "Öğretmensiniz: izleyenler bu sayfayı görüyor.",
    "follow.teacher_paused": "Duraklatıldı: izleyenler oldukları yerde kalır.",
}
