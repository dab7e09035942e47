EN = {
    "pick.mode": "Choose a test digit",
    "pick.mode.class": "By class and number",
    "pick.mode.random": "At random",
    "pick.mode.map": "From the Latent map",
    "pick.class": "Class",
    "pick.class_empty": "The test set has no images of class {cls}.",
    "pick.index": "Number within the class ({n} digits)",
    "pick.index_help": "The test digits of the chosen class are numbered 0, 1, 2, … in the order of the test set.",
    "pick.again": "Another random digit",
    "pick.again_many": "Other random digits",
    "pick.map_empty": "No digits are selected yet: select digits on the Latent map first (box or lasso), "
                      "then come back here.",
    "pick.map_link": "Open the Latent map",
    "pick.map_using": "Using the first {n} of the {total} digits selected on the Latent map.",
    "pick.from_map": "Selected on the Latent map ({n})",
    "pick.condition": "Class given to the conditional model",
}
TR = {
    "pick.mode": "Bir test rakamı seçin",
    "pick.mode.class": "Sınıfa ve sıraya göre",
    "pick.mode.random": "Rastgele",
    "pick.mode.map": "Gizli alan haritasından",
    "pick.class": "Sınıf",
    "pick.class_empty": "Test kümesinde {cls} sınıfından görüntü yok.",
    "pick.index": "Sınıf içindeki sıra numarası ({n} rakam)",
    "pick.index_help": "Seçilen sınıfın test rakamları, test kümesindeki sıralarına göre 0, 1, 2, … diye "
                       "numaralanır.",
    "pick.again": "Başka bir rastgele rakam",
    "pick.again_many": "Başka rastgele rakamlar",
    "pick.map_empty": "Henüz seçili rakam yok: önce Gizli alan haritasında rakam seçin (kutu ya da kement ile), "
                      "sonra buraya dönün.",
    "pick.map_link": "Gizli alan haritasını aç",
    "pick.map_using": "Gizli alan haritasında seçilen {total} rakamdan ilk {n} tanesi kullanılıyor.",
    "pick.from_map": "Gizli alan haritasında seçilenler ({n})",
    "pick.condition": "Koşullu modele verilen sınıf",
}
