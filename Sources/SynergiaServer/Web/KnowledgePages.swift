import Foundation
import Hummingbird
import SynergiaCore
import SynergiaKnowledge
import SynergiaStore

/// The knowledge base in the browser: search with facets and filters (the
/// corpus of global decisions is readable by every signed-in user), a document
/// with its paragraphs and tags, and the JSON search API. All of it through
/// `KnowledgeSearchService`; the page marks the snippets' match ranges.
enum KnowledgePages {
    static func add(to routes: SecuredRoutes, views: Views, thesaurus: Thesaurus?) {
        let service = KnowledgeSearchService(store: routes.store, thesaurus: thesaurus)

        routes.get("/kb", .signedIn) { request, context, _ in
            let language = context.language
            let params = SearchParameters(request)
            var values: [String: Any] = ["q": params.query, "convention": params.convention ?? "", "language": params.language ?? "",
                                         "kind": params.kind ?? "", "fromYear": params.fromYear.map(String.init) ?? "",
                                         "toYear": params.toYear.map(String.init) ?? "", "body": params.body ?? "", "term": params.term ?? "",
                                         "target": params.target ?? ""]
            // A term is shown by its label in the page's language; other values as they are.
            func shown(_ facet: String, _ value: String) -> String {
                facet == "term" ? thesaurus?.term(value)?.label(language) ?? value : value
            }
            let active = params.active.map { name, value -> [String: String] in
                ["label": views.text("facet_" + name, language) + ": " + shown(name, value), "href": params.without(name)]
            }
            values["active"] = active
            values["hasActive"] = !active.isEmpty
            guard !params.query.isEmpty else {
                return views.page("kb-search", title: views.text("knowledge_base", language), context: context, request: request, values: values)
            }
            do {
                let results = try await service.search(params.input)
                let tagged = results.tagged
                let tags = try await service.tags(paragraphIDs: (results.hits + tagged).map(\.paragraphID))
                func rows(_ hits: [KnowledgeSearchHit]) -> [[String: Any]] {
                    hits.map { hit in
                        ["href": "/kb/documents/\(hit.documentID)#p-\(hit.paragraphID)", "document": hit.symbol ?? hit.title,
                         "label": hit.label ?? "", "language": hit.language.rawValue, "snippet": SnippetHTML.html(hit.snippet),
                         "tags": (tags[hit.paragraphID] ?? []).map { ["term": thesaurus?.term($0.term)?.label(language) ?? $0.term] }]
                    }
                }
                values["searched"] = true
                values["total"] = results.total
                let shownFrom = params.offset + 1, shownTo = params.offset + results.hits.count
                values["range"] = results.hits.isEmpty ? "" : "\(shownFrom)–\(shownTo)"
                values["previous"] = params.offset > 0 ? params.page(from: max(0, params.offset - params.limit)) : ""
                values["next"] = shownTo < results.total ? params.page(from: shownTo) : ""
                values["hits"] = rows(results.hits)
                values["tagged"] = rows(tagged)
                values["hasTagged"] = !tagged.isEmpty && params.offset == 0
                values["taggedTerms"] = results.taggedTerms.compactMap { thesaurus?.term($0)?.label(language) }.joined(separator: ", ")
                let f = results.facets
                values["facets"] = [("convention", f.convention), ("body", f.body), ("language", f.language), ("kind", f.kind), ("year", f.year),
                                    ("target", f.target), ("term", f.term)].filter { !$0.1.isEmpty }.map { name, counts in
                    ["name": views.text("facet_" + name, language),
                     "values": counts.map { ["value": shown(name, $0.value), "count": $0.count, "href": params.with(name, $0.value)] }]
                }
                return views.page("kb-search", title: views.text("knowledge_base", language), context: context, request: request, values: values)
            } catch let error as DomainError {
                values["problem"] = error.message
                return views.page("kb-search", title: views.text("knowledge_base", language), context: context, request: request,
                                  status: .unprocessableContent, values: values)
            }
        }

        routes.get("/kb/documents/{id}", .signedIn) { request, context, access in
            let id = try context.parameters.require("id", as: Int64.self)
            guard let contents = try await service.document(id: id) else { throw DomainError.notFound("no document \(id) in the knowledge base") }
            let document = contents.document, paragraphs = contents.paragraphs, tags = contents.tags
            let language = context.language
            let canCurate = thesaurus != nil && AccessRule.knowledgeCurator.allows(access.user, role: nil)
            let termOptions = (thesaurus?.terms ?? []).map { ["id": $0.id, "label": $0.label(language)] }
                .sorted { $0["label"]!.localizedStandardCompare($1["label"]!) == .orderedAscending }
            return views.page("kb-document", title: document.symbol ?? document.title, context: context, request: request, values: [
                "canCurate": canCurate, "documentID": id, "termOptions": canCurate ? termOptions : [],
                "document": ["symbol": document.symbol ?? "", "title": document.title, "date": document.date ?? "", "kind": document.kind.rawValue,
                             "language": document.language.rawValue, "convention": document.convention ?? "", "source": document.source ?? ""],
                "paragraphs": paragraphs.map { p -> [String: Any] in
                    ["id": p.id, "label": p.label ?? "", "text": p.text, "page": p.page.map(String.init) ?? "",
                     "heading": p.kind == .heading, "footnote": p.kind == .footnote, "language": p.language.rawValue,
                     "tags": (tags[p.id] ?? []).map { t -> [String: Any] in
                         ["term": thesaurus?.term(t.term)?.label(language) ?? t.term, "id": t.term, "reason": t.reason,
                          "suggested": t.source == .suggested, "paragraph": p.id]
                     }]
                },
            ])
        }

        KnowledgeTagging.add(to: routes, thesaurus: thesaurus)

        routes.get("/api/kb/search", .signedIn) { request, _, _ in
            let params = SearchParameters(request)
            return JSONBody(try await service.search(params.input))
        }
    }

    /// The search form's fields from the query string; empty fields are absent.
    struct SearchParameters {
        var query: String
        var convention: String?
        var body: String?
        var term: String?
        var target: String?
        var language: String?
        var kind: String?
        var fromYear: Int?
        var toYear: Int?
        var offset: Int
        var limit: Int

        static let pageSize = 50

        init(_ request: Request) {
            let q = request.uri.queryParameters
            func text(_ name: String) -> String? { q.get(name).map { String($0) }.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
            query = text("q") ?? ""
            convention = text("convention")
            body = text("body")
            term = text("term")
            target = text("target")
            language = text("language")
            kind = text("kind")
            fromYear = text("from").flatMap { Int($0) }
            toYear = text("to").flatMap { Int($0) }
            offset = max(0, text("offset").flatMap { Int($0) } ?? 0)
            limit = text("limit").flatMap { Int($0) } ?? Self.pageSize
        }

        /// The search as the service reads it.
        var input: KnowledgeSearchInput {
            KnowledgeSearchInput(query: query, convention: convention, body: body, kinds: kind.map { [$0] } ?? [], language: language,
                                 fromYear: fromYear, toYear: toYear, term: term, target: target, limit: limit, offset: offset)
        }

        /// The filters in force, by facet name (a year range counts as one).
        var active: [(String, String)] {
            var filters: [(String, String)] = []
            for (name, value) in [("convention", convention), ("body", body), ("language", language), ("kind", kind),
                                  ("term", term), ("target", target)] {
                if let value { filters.append((name, value)) }
            }
            if fromYear != nil || toYear != nil {
                let range = fromYear == toYear ? fromYear.map(String.init) ?? "" : "\(fromYear.map(String.init) ?? "…")–\(toYear.map(String.init) ?? "…")"
                filters.append(("year", range))
            }
            return filters
        }

        /// This search from another result on (offset 0 is the first page).
        func page(from start: Int) -> String {
            with(nil, "") + (start > 0 ? "&offset=\(start)" : "") + (limit != Self.pageSize ? "&limit=\(limit)" : "")
        }

        /// This search without one filter (`year` removes both bounds).
        func without(_ facet: String) -> String {
            var copy = self
            switch facet {
            case "convention": copy.convention = nil
            case "body": copy.body = nil
            case "language": copy.language = nil
            case "kind": copy.kind = nil
            case "term": copy.term = nil
            case "target": copy.target = nil
            default: copy.fromYear = nil; copy.toYear = nil
            }
            return copy.with(nil, "")
        }

        /// This search narrowed by one facet value (nil: as it is).
        func with(_ facet: String?, _ value: String) -> String {
            var items = [("q", query), ("convention", convention ?? ""), ("body", body ?? ""), ("term", term ?? ""), ("target", target ?? ""),
                         ("language", language ?? ""), ("kind", kind ?? ""),
                         ("from", fromYear.map(String.init) ?? ""), ("to", toYear.map(String.init) ?? "")]
            switch facet {
            case nil: break
            case "year"?: items += [("from", value), ("to", value)]
                items.removeAll { ($0.0 == "from" || $0.0 == "to") && $0.1 != value }
            case let facet?: items = items.filter { $0.0 != facet } + [(facet, value)]
            }
            let encoded = items.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            return "/kb?" + encoded.joined(separator: "&")
        }
    }
}
