import Foundation
import SynergiaCore
import SynergiaReference

/// Picks the page language and formats dates and numbers for it.
public enum Localizer {
    /// Languages whose web catalogue is complete (checked by a test).
    public static let languages = ["en", "fr", "es", "zh", "ar", "ru"]
    public static let names = ["en": "English", "fr": "Français", "es": "Español", "zh": "中文", "ar": "العربية", "ru": "Русский"]

    /// Languages written right to left: their pages carry `dir="rtl"` and the stylesheet mirrors.
    public static let rightToLeft: Set<String> = ["ar"]

    /// An explicit choice (`?lang=`, then the cookie) wins over Accept-Language; English otherwise.
    static func negotiate(cookie: String?, query: String?, acceptLanguage: String?) -> String {
        for choice in [query, cookie] { if let c = choice?.lowercased(), languages.contains(c) { return c } }
        guard let header = acceptLanguage else { return "en" }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (String(tag.lowercased().prefix { $0 != "-" && $0 != "_" }), q)
        }
        return ranked.filter { $0.1 > 0 && languages.contains($0.0) }.max { $0.1 < $1.1 }?.0 ?? "en"
    }

    static func locale(_ language: String) -> Locale {
        // Arabic figures in Latin digits, as the UN's Arabic pages write them; the keyword is explicit
        // because some Arabic locales default to Arabic-Indic digits.
        Locale(identifier: ["en": "en_GB", "fr": "fr_FR", "es": "es_ES", "zh": "zh_CN", "ar": "ar@numbers=latn", "ru": "ru_RU"][language] ?? "en_GB")
    }

    static func date(_ date: Date, _ language: String) -> String {
        LocaleFormat(language: language).dateTime(date)
    }

    static func number(_ value: Double, _ language: String, fractionDigits: Int = 1) -> String {
        LocaleFormat(language: language).number(value, fractionDigits: fractionDigits)
    }
}
