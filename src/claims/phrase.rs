//! Phrases claims as sentences through the theme strings (after i18n lands).
