EN = {
    "interp.intro": (
        "Pick two digits, A and B. Each gets its code, a point on the map. We walk in a straight line from A's "
        "point to B's and let the decoder draw every step. Try a 1 and a 7, then a 0 and an 8: the drawings change "
        "little by little, and every step looks like a digit. The last row fades the pixels of A into B instead, "
        "for comparison."),
    "interp.path": "straight path A → B",
    "interp.step_hover": "step %{customdata}<br>z₁ %{x:.2f}, z₂ %{y:.2f}",
    "interp.end_a": "Start: digit A",
    "interp.end_b": "End: digit B",
    "interp.steps": "Number of steps",
    "interp.condition": "Class used for decoding",
    "interp.map_title": "The path on the latent map (faint points: encoded test digits)",
    "interp.animation": "As an animation",
    "interp.download_gif": "Download the animation (GIF)",
    "interp.download_png": "Download the strip (PNG)",
    "interp.strip": "Decoded along the path ({n} steps, A on the left)",
    "interp.strip_caption": "The first and last pictures are the reconstructions of A and B (decoded at their codes), "
                            "not the originals.",
    "interp.blend": "For comparison: fading the pixels of A into B",
    "interp.blend_caption": "Mixing pixels gives a double exposure, with both digits half visible; walking in latent "
                            "space gives in-between digits instead.",
    "interp.ae": "This is a plain autoencoder: nothing made its latent space smooth or filled, so the middle of "
                 "the path can cross empty regions and decode to blurry shapes that are not digits.",
}
TR = {
    "interp.intro": (
        "İki rakam seçin, A ve B. Her biri kodunu, haritada bir noktayı alır. A'nın noktasından B'ninkine düz bir "
        "çizgide yürür ve çözücüye her adımı çizdiririz. Bir 1 ile bir 7, sonra bir 0 ile bir 8 deneyin: çizimler "
        "azar azar değişir ve her adım bir rakama benzer. Son satır ise karşılaştırma için A'nın piksellerini B'ye "
        "doğru soldurur."),
    "interp.path": "düz yol A → B",
    "interp.step_hover": "adım %{customdata}<br>z₁ %{x:.2f}, z₂ %{y:.2f}",
    "interp.end_a": "Başlangıç: A rakamı",
    "interp.end_b": "Bitiş: B rakamı",
    "interp.steps": "Adım sayısı",
    "interp.condition": "Çözmede kullanılan sınıf",
    "interp.map_title": "Gizli alan haritasında yol (soluk noktalar: kodlanmış test rakamları)",
    "interp.animation": "Canlandırma olarak",
    "interp.download_gif": "Canlandırmayı indir (GIF)",
    "interp.download_png": "Şeridi indir (PNG)",
    "interp.strip": "Yol boyunca çözülenler ({n} adım, A solda)",
    "interp.strip_caption": "İlk ve son resimler, A ile B'nin özgün hâlleri değil, yeniden yapılandırmalarıdır "
                            "(kodlarında çözülmüş hâlleri).",
    "interp.blend": "Karşılaştırma için: A'nın piksellerini B'ninkilere karıştırmak",
    "interp.blend_caption": "Pikselleri karıştırmak, iki rakamın da yarı saydam göründüğü üst üste binmiş bir "
                            "görüntü verir; gizli alanda yürümek ise arada kalan rakamlar verir.",
    "interp.ae": "Bu sıradan bir otokodlayıcı: gizli alanını düzgün ya da dolu olmaya zorlayan bir şey yok; bu "
                 "yüzden yolun ortası boş bölgelerden geçip rakama benzemeyen bulanık şekillere çözülebilir.",
}
