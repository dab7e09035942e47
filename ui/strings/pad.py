"""Words of the live latent pad (ui/pad.py), shown on the Explore and Latent map pages."""

EN = {
    "pad.aria": "Latent pad: drag, click or use the arrow keys to move the point through the latent space. "
                "The digit beside it is drawn by the decoder at that point.",
    "pad.roledesc": "2-D slider",
    "pad.hint": "Drag or click on the pad; hover to peek. Focus it and use the arrow keys (Shift: bigger steps).",
    "pad.hint_touch": "Drag your finger on the pad; swipe beside it to scroll.",
    "pad.digit": "The decoder's image at the point",
    "pad.readout": "code: z₁ = {z1}, z₂ = {z2}",
    "pad.class": "class: {name}",
    "pad.bg_label": "Background",
    "pad.bg_scatter": "Test images",
    "pad.bg_grid": "Decoded grid",
    "pad.loading": "Loading the decoder into your browser…",
    "pad.failed": "Your browser could not load the decoder; use the sliders instead.",
    "pad.unavailable": "The live pad is not available for this model ({reason}); use the sliders.",
    "pad.reason.latent": "its latent space has {d} dimensions, the pad draws 2",
    "pad.reason.structure": "its decoder is not a plain MLP the browser can run",
    "pad.reason.size": "its decoder is too large to send to the browser",
}

TR = {
    "pad.aria": "Sürükleme alanı: noktayı gizli alanda gezdirmek için sürükleyin, tıklayın ya da ok tuşlarını "
                "kullanın. Yanındaki rakamı çözücü o noktada çizer.",
    "pad.roledesc": "2 boyutlu kaydırıcı",
    "pad.hint": "Sürükleme alanında sürükleyin ya da tıklayın; bakmak için fareyi üzerinde gezdirin. Odaklayıp ok "
                "tuşlarını kullanın (Shift: daha büyük adımlar).",
    "pad.hint_touch": "Parmağınızı sürükleme alanında gezdirin; sayfayı kaydırmak için alanın yanından kaydırın.",
    "pad.digit": "Çözücünün bu noktadaki görüntüsü",
    "pad.readout": "kod: z₁ = {z1}; z₂ = {z2}",
    "pad.class": "sınıf: {name}",
    "pad.bg_label": "Arka plan",
    "pad.bg_scatter": "Test görüntüleri",
    "pad.bg_grid": "Çözülmüş ızgara",
    "pad.loading": "Çözücü tarayıcınıza yükleniyor…",
    "pad.failed": "Tarayıcınız çözücüyü yükleyemedi; bunun yerine kaydırıcıları kullanın.",
    "pad.unavailable": "Canlı sürükleme alanı bu model için kullanılamıyor ({reason}); kaydırıcıları kullanın.",
    "pad.reason.latent": "gizli alanı {d} boyutlu, sürükleme alanı 2 boyut çizer",
    "pad.reason.structure": "çözücüsü tarayıcının çalıştırabileceği düz bir MLP değil",
    "pad.reason.size": "çözücüsü tarayıcıya gönderilemeyecek kadar büyük",
}
