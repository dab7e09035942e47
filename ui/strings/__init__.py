"""Per-page language tables: each module defines EN and TR dicts; ui.i18n merges them."""
