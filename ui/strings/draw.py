EN = {
    "draw.intro": (
        "Draw a digit with the mouse, a finger or a pen. It is cropped and centred like the MNIST digits, then the "
        "encoder gives its code: a point on the map, with an ellipse showing how sure the encoder is. The decoder "
        "draws it back, and the three test digits whose codes are nearest appear beside it. Try a 1 slanted to "
        "the left, then to the right; then draw something that is not a digit."),
    "draw.canvas": "Draw here",
    "draw.clear": "Clear",
    "draw.hint": "Draw large, filling the square.",
    "draw.condition": "Which digit are you drawing? (the conditional model needs its class)",
    "draw.empty": "The canvas is empty: draw a digit first.",
    "draw.bad_canvas": "The drawing could not be read. Press Clear and draw again.",
    "draw.seen": "What the model sees (28 × 28)",
    "draw.seen_caption": "Your drawing, cropped, scaled and centred as MNIST digits are.",
    "draw.recon": "Reconstruction",
    "draw.recon_caption": "The decoder's picture at the centre μ of q(z|x).",
    "draw.map_title": "Where your digit lands in the latent space",
    "draw.ellipse": "q(z|x) of your digit: {k}σ",
    "draw.code": "μ of your digit",
    "draw.code_caption": "μ = ({z}), σ = ({s}). Green circles: the three nearest test digits.",
    "draw.map_whole": "The whole map: faint points are the encoded test digits, coloured by class.",
    "draw.map_zoom": "Zoomed in around your digit: solid ellipse 1σ, dashed 2σ.",
    "draw.ae": "This is a plain autoencoder: its encoder gives one point, not a distribution q(z|x), so there "
               "is no ellipse to draw.",
    "draw.neighbours": "The three nearest test digits in latent space",
    "draw.neighbours_legend": "nearest test digits",
    "draw.neighbour": "{name} · distance {d}",
    "draw.neighbours_caption": "Nearest by distance between codes, not between pixels: the encoder judged these "
                               "the most similar.",
}
TR = {
    "draw.intro": (
        "Fareyle, parmağınızla ya da bir kalemle bir rakam çizin. MNIST rakamları gibi kırpılıp ortalanır, sonra "
        "kodlayıcı kodunu verir: haritada bir nokta ve kodlayıcının ne kadar emin olduğunu gösteren bir elips. "
        "Çözücü onu yeniden çizer ve kodları en yakın üç test rakamı yanında görünür. Sola, sonra sağa yatık bir 1 "
        "deneyin; sonra rakam olmayan bir şey çizin."),
    "draw.canvas": "Buraya çizin",
    "draw.clear": "Temizle",
    "draw.hint": "Kareyi dolduracak kadar büyük çizin.",
    "draw.condition": "Hangi rakamı çiziyorsunuz? (koşullu model sınıfı bilmek ister)",
    "draw.empty": "Tuval boş: önce bir rakam çizin.",
    "draw.bad_canvas": "Çizim okunamadı. Temizle'ye basıp yeniden çizin.",
    "draw.seen": "Modelin gördüğü (28 × 28)",
    "draw.seen_caption": "Çiziminiz, MNIST rakamları gibi kırpılmış, ölçeklenmiş ve ortalanmış hâlde.",
    "draw.recon": "Yeniden yapılandırma",
    "draw.recon_caption": "Çözücünün q(z|x)'in merkezi μ noktasındaki çizimi.",
    "draw.map_title": "Rakamınız gizli alanda nereye düşüyor",
    "draw.ellipse": "rakamınızın q(z|x) dağılımı: {k}σ",
    "draw.code": "rakamınızın μ noktası",
    "draw.code_caption": "μ = ({z}), σ = ({s}). Yeşil halkalar: en yakın üç test rakamı.",
    "draw.map_whole": "Haritanın tamamı: soluk noktalar, sınıflarına göre renklendirilmiş kodlanmış test rakamlarıdır.",
    "draw.map_zoom": "Rakamınızın çevresine yakınlaştırılmış görünüm: düz elips 1σ, kesikli elips 2σ.",
    "draw.ae": "Bu sıradan bir otokodlayıcı: kodlayıcısı bir q(z|x) dağılımı değil, tek bir nokta verir; bu yüzden "
               "çizilecek bir elips yok.",
    "draw.neighbours": "Gizli alanda en yakın üç test rakamı",
    "draw.neighbours_legend": "en yakın test rakamları",
    "draw.neighbour": "{name} · uzaklık {d}",
    "draw.neighbours_caption": "Yakınlık piksellere göre değil, kodlar arasındaki uzaklığa göre: kodlayıcı en çok "
                               "bunları benzer buldu.",
}
