EN = {
    "axis.z1": "z₁ (the code's first number)",
    "axis.z2": "z₂ (the code's second number)",
    "map.pad": "What does the model draw there? Tap, drag or hover on this map",
    "map.intro": "Every dot is one test picture, placed at its code: **z₁** across and **z₂** up, the two numbers "
                 "the encoder gives it (the model chose what they mean while it learned). The colour is the digit "
                 "the picture really shows. Digits of one kind land near each other, although the model was never "
                 "told which digit is which. Try: hide all classes but two in the legend; which digits overlap?",
    "map.contours": "Show the prior N(0, I)",
    "map.contours_help": "Circles at 1, 2 and 3 standard deviations of the prior that the KL term pulls the codes towards.",
    "map.prior_contours": "prior N(0, I): 1σ, 2σ, 3σ",
    "map.index": "Test image",
    "map.how_to": "{n} test images. Tap or click a class in the legend to hide or show it. To select digits, choose "
                  "lasso or box above the map, then draw around some dots (or tap one).",
    "map.drag": "Dragging on the map",
    "map.drag.none": "scrolls the page",
    "map.drag.lasso": "draws a lasso",
    "map.drag.select": "draws a box",
    "map.page": "Selected digits shown",
    "map.select_hint": "Select some dots on the map to see those digits beside their reconstructions.",
    "map.selected": "{n} selected (showing {shown})",
    "map.selected_help": "Top: the test images. Bottom: what the decoder draws from each image's μ, with the "
                         "reconstruction loss in nats (lower is better).",
    "map.originals": "Originals",
    "map.reconstructions": "Reconstructions",
    "map.item": "{name}\n{loss:.0f} nats",
    "map.loading": "Drawing the map…",
    "map.failed": "The map could not be drawn. Reload the page to try again",
    "chart.loading": "Drawing the chart…",
    "chart.failed": "The chart could not be drawn. Reload the page to try again",
}
TR = {
    "axis.z1": "z₁ (kodun birinci sayısı)",
    "axis.z2": "z₂ (kodun ikinci sayısı)",
    "map.pad": "Model orada ne çiziyor? Bu haritaya dokunun, üzerinde gezinin ya da sürükleyin",
    "map.intro": "Her nokta bir test resmidir ve koduna yerleştirilmiştir: yatayda **z₁**, dikeyde **z₂**, "
                 "kodlayıcının ona verdiği iki sayı (ne anlama geldiklerini model öğrenirken seçti). Renk, resmin "
                 "gerçekte gösterdiği rakamdır. Aynı türden rakamlar birbirine yakın düşer; oysa modele hangi "
                 "rakamın hangisi olduğu hiç söylenmedi. Deneyin: açıklamada iki sınıf dışında hepsini gizleyin; "
                 "hangi rakamlar üst üste biniyor?",
    "map.contours": "Önsel N(0, I) dağılımını göster",
    "map.contours_help": "KL teriminin kodları çektiği önselin 1, 2 ve 3 standart sapmadaki çemberleri.",
    "map.prior_contours": "önsel N(0, I): 1σ, 2σ, 3σ",
    "map.index": "Test görüntüsü",
    "map.how_to": "{n} test görüntüsü. Bir sınıfı gizlemek ya da göstermek için açıklamadaki adına dokunun ya da "
                  "tıklayın. Rakam seçmek için haritanın üstünden kement ya da kutu seçin, sonra birkaç noktanın "
                  "çevresini çizin (ya da birine dokunun).",
    "map.drag": "Haritada sürüklemek",
    "map.drag.none": "sayfayı kaydırır",
    "map.drag.lasso": "kement çizer",
    "map.drag.select": "kutu çizer",
    "map.page": "Gösterilen seçili rakamlar",
    "map.select_hint": "Bu rakamları yeniden yapılandırmalarıyla yan yana görmek için haritada birkaç nokta seçin.",
    "map.selected": "{n} seçildi ({shown} gösteriliyor)",
    "map.selected_help": "Üstte test görüntüleri, altta çözücünün her görüntünün μ'sünden çizdiği; altında nat "
                         "cinsinden yeniden yapılandırma kaybı (düşük olan daha iyi).",
    "map.originals": "Özgün görüntüler",
    "map.reconstructions": "Yeniden yapılandırmalar",
    "map.item": "{name}\n{loss:.0f} nat",
    "map.loading": "Harita çiziliyor…",
    "map.failed": "Harita çizilemedi. Yeniden denemek için sayfayı yenileyin",
    "chart.loading": "Grafik çiziliyor…",
    "chart.failed": "Grafik çizilemedi. Yeniden denemek için sayfayı yenileyin",
}
