// FTS5 auxiliary functions for the knowledge-base search on SQLite.
//
// FTS5's own bm25() reads each matching paragraph's length from the
// %_docsize table: one B-tree lookup per match, ~80 % of a search for a common
// word (25,000 matches). The facet counts likewise looked up every match's
// paragraph row for its document and language. Here those three small facts
// come from memory (paragraph_memory.c), so a search walks the index and
// touches no row.
//
// kb_rank(fts)      the same score as bm25(fts) (k1 1.2, b 0.75, weights 1)
// kb_rank(fts, 0)   for a query of one phrase: the score without its inverse
//                   document frequency, a factor common to every match, so the
//                   order is bm25's. It spares the pass over the phrase's
//                   matches that the frequency needs; the caller multiplies the
//                   page's scores by it, from the match count (kb_row_count)
// kb_row_count(fts) the number of paragraphs in the index (bm25's N)
// kb_document(fts)  the paragraph's document id
// kb_language(fts)  the paragraph's language code
// kb_facet_key(fts) document id × 65,536 + the two letters of the language:
//                   one integer to count by (match_counts.c)
//
// When no snapshot of that memory may be trusted, each function reads the
// database, as bm25() does.

#include "sqlite_search.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "paragraph_memory.h"

/// The functions' user data: one per connection.
typedef struct {
    sqlite3 *db;
    ParagraphMemory *memory;
} Connection;

/// Per statement: the snapshot it may trust (or none), the bm25 figures of
/// the query, and a row lookup for paragraphs not in the snapshot.
typedef struct {
    ParagraphSnapshot *snapshot;
    int phraseCount;
    double averageLength;
    double *inverseFrequency;
    double *frequency;
    sqlite3_stmt *lookup;
} Query;

static void forgetQuery(void *pointer) {
    Query *query = pointer;
    if (query->lookup) sqlite_nio_sqlite3_finalize(query->lookup);
    if (query->snapshot) paragraph_snapshot_release(query->snapshot);
    free(query->inverseFrequency);
    free(query);
}

static const Paragraph *remembered(const Query *query, sqlite3_int64 id) {
    const ParagraphSnapshot *snapshot = query->snapshot;
    if (!snapshot || id < 0 || id >= snapshot->capacity || snapshot->paragraphs[id].tokens < 0) return 0;
    return &snapshot->paragraphs[id];
}

static int countHit(const Fts5ExtensionApi *api, Fts5Context *context, void *count) {
    (void)api; (void)context;
    (*(sqlite3_int64 *)count)++;
    return SQLITE_OK;
}

/// The statement's Query, made on its first row.
static int queryFor(const Fts5ExtensionApi *api, Fts5Context *context, Query **out) {
    Query *query = api->xGetAuxdata(context, 0);
    if (query) { *out = query; return SQLITE_OK; }
    Connection *connection = api->xUserData(context);
    query = calloc(1, sizeof(Query));
    if (!query) return SQLITE_NOMEM;
    query->snapshot = paragraph_memory_snapshot(connection->memory, connection->db);
    query->phraseCount = -1;
    int rc = api->xSetAuxdata(context, query, forgetQuery);
    if (rc == SQLITE_OK) *out = query;
    return rc;
}

/// bm25's average length and inverse document frequencies, once per statement;
/// `weighted` 0 leaves a single phrase's frequency out (1).
static int prepareRanking(const Fts5ExtensionApi *api, Fts5Context *context, Query *query, int weighted) {
    if (query->phraseCount >= 0) return SQLITE_OK;
    int phrases = api->xPhraseCount(context);
    if (!weighted && phrases != 1) return SQLITE_MISUSE;
    query->inverseFrequency = calloc((size_t)phrases * 2 + 1, sizeof(double));
    if (!query->inverseFrequency) return SQLITE_NOMEM;
    query->frequency = query->inverseFrequency + phrases;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(context, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(context, -1, &tokens);
    if (rc == SQLITE_OK) query->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
    if (!weighted) query->inverseFrequency[0] = 1.0;
    for (int i = 0; weighted && rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(context, i, &hits, countHit);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        query->inverseFrequency[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (rc == SQLITE_OK) query->phraseCount = phrases;
    return rc;
}

static void rank(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    int weighted = !(argc == 1 && sqlite_nio_sqlite3_value_type(argv[0]) == SQLITE_INTEGER && sqlite_nio_sqlite3_value_int64(argv[0]) == 0);
    Query *query = 0;
    int rc = queryFor(api, context, &query);
    if (rc == SQLITE_OK) rc = prepareRanking(api, context, query, weighted);
    if (rc == SQLITE_MISUSE) {
        sqlite_nio_sqlite3_result_error(result, "kb_rank(fts, 0) ranks a query of one phrase only", -1);
        return;
    }
    if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
    int instances = 0;
    rc = api->xInstCount(context, &instances);
    memset(query->frequency, 0, sizeof(double) * (size_t)query->phraseCount);
    for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(context, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) query->frequency[phrase] += 1.0;
    }
    double length = 0;
    if (rc == SQLITE_OK) {
        const Paragraph *paragraph = remembered(query, api->xRowid(context));
        int tokens = 0;
        if (paragraph) tokens = paragraph->tokens;
        else rc = api->xColumnSize(context, -1, &tokens);
        length = tokens;
    }
    if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
    const double k1 = 1.2, b = 0.75;
    double score = 0;
    for (int i = 0; i < query->phraseCount; i++) {
        double f = query->frequency[i];
        score += query->inverseFrequency[i] * (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * length / query->averageLength));
    }
    sqlite_nio_sqlite3_result_double(result, -1.0 * score);
}

static void rowCount(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    sqlite3_int64 rows = 0;
    int rc = api->xRowCount(context, &rows);
    if (rc != SQLITE_OK) sqlite_nio_sqlite3_result_error_code(result, rc);
    else sqlite_nio_sqlite3_result_int64(result, rows);
}

enum Fact { documentFact, languageFact, facetKeyFact };

static void setFacetKey(sqlite3_context *result, sqlite3_int64 document, const char *language) {
    if (!language || strlen(language) != 2) {
        sqlite_nio_sqlite3_result_error(result, "kb_facet_key: a paragraph's language code is not two letters", -1);
        return;
    }
    sqlite_nio_sqlite3_result_int64(result, document * 65536 + ((unsigned char)language[0] << 8) + (unsigned char)language[1]);
}

/// Sets `result` from memory, or else from the paragraph's row.
static void paragraphFact(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, enum Fact fact) {
    Connection *connection = api->xUserData(context);
    Query *query = 0;
    int rc = queryFor(api, context, &query);
    if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
    sqlite3_int64 id = api->xRowid(context), documentID = 0;
    const char *code = 0;
    const Paragraph *paragraph = remembered(query, id);
    if (paragraph) {
        documentID = paragraph->document;
        code = query->snapshot->languages[paragraph->language];
    } else {
        if (!query->lookup) {
            rc = sqlite_nio_sqlite3_prepare_v2(connection->db, "SELECT document_id, language FROM kb_paragraphs WHERE id = ?1", -1, &query->lookup, 0);
            if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
        }
        sqlite_nio_sqlite3_reset(query->lookup);
        sqlite_nio_sqlite3_bind_int64(query->lookup, 1, id);
        if (sqlite_nio_sqlite3_step(query->lookup) != SQLITE_ROW) { sqlite_nio_sqlite3_result_null(result); return; }
        documentID = sqlite_nio_sqlite3_column_int64(query->lookup, 0);
        code = (const char *)sqlite_nio_sqlite3_column_text(query->lookup, 1); // valid until the next reset
    }
    if (fact == languageFact) sqlite_nio_sqlite3_result_text(result, code, -1, SQLITE_TRANSIENT);
    else if (fact == documentFact) sqlite_nio_sqlite3_result_int64(result, documentID);
    else setFacetKey(result, documentID, code);
}

static void document(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    paragraphFact(api, context, result, documentFact);
}

static void language(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    paragraphFact(api, context, result, languageFact);
}

static void facetKey(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    paragraphFact(api, context, result, facetKeyFact);
}

static void forgetConnection(void *pointer) {
    Connection *connection = pointer;
    if (connection->memory) paragraph_memory_detach(connection->memory);
    free(connection);
}

static int installOnConnection(sqlite3 *db, char **error, const void *unused) {
    (void)error; (void)unused;
    fts5_api *fts = 0;
    sqlite3_stmt *statement = 0;
    if (sqlite_nio_sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0) == SQLITE_OK) {
        sqlite_nio_sqlite3_bind_pointer(statement, 1, (void *)&fts, "fts5_api_ptr", 0);
        sqlite_nio_sqlite3_step(statement);
    }
    sqlite_nio_sqlite3_finalize(statement);
    if (!fts || fts->iVersion < 2) return SQLITE_OK; // no FTS5: searches fail later with SQLite's own message
    Connection *connection = calloc(1, sizeof(Connection));
    if (!connection) return SQLITE_NOMEM;
    connection->db = db;
    connection->memory = paragraph_memory_attach(db); // NULL (out of memory): rows are read
    // The last registration owns the memory: FTS5 calls its destructor when the connection closes.
    int rc = fts->xCreateFunction(fts, "kb_rank", connection, rank, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_row_count", connection, rowCount, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_document", connection, document, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_language", connection, language, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_facet_key", connection, facetKey, forgetConnection);
    else forgetConnection(connection);
    if (rc == SQLITE_OK) rc = synergia_install_match_counts(db);
    return rc;
}

int synergia_sqlite_search_install(void) {
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))installOnConnection);
}
