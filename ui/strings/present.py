"""Words of presentation mode (ui/present.py), on every page."""

EN = {
    "present.toggle": "Presentation mode",
    "present.toggle_help": "For a projector: hides this sidebar, makes text and controls larger and gives the "
                           "page's main picture the screen. Leave with the button in the corner or Esc. "
                           "Also opened by adding ?present=1 to the address.",
    "present.leave": "Leave (Esc)",
    "present.leave_help": "Back to the normal view, with the sidebar.",
}

TR = {
    "present.toggle": "Sunum modu",
    "present.toggle_help": "Projeksiyon için: bu kenar çubuğunu gizler, yazıları ve düğmeleri büyütür, sayfanın ana "
                           "görüntüsünü ekrana yayar. Köşedeki düğmeyle ya da Esc ile çıkın. Adresin sonuna "
                           "?present=1 eklenerek de açılır.",
    "present.leave": "Çık (Esc)",
    "present.leave_help": "Kenar çubuğuyla normal görünüme dön.",
}
