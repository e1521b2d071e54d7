// FTS5 auxiliary functions for the knowledge-base search on SQLite.
//
// FTS5's own bm25() reads each matching paragraph's length from the
// %_docsize table: one B-tree lookup per match, ~80 % of a search for a common
// word (25,000 matches). The facet counts likewise looked up every match's
// paragraph row for its document and language. Here each connection keeps
// those three small facts per paragraph in memory, loaded once and then only
// for new paragraphs, so a search walks the index and touches no row.
//
// kb_rank(fts)      the same score as bm25(fts) (k1 1.2, b 0.75, weights 1)
// kb_document(fts)  the paragraph's document id
// kb_language(fts)  the paragraph's language code
// kb_facet_key(fts) document id × 65,536 + the two letters of the language:
//                   one integer to group by, which SQLite sorts far faster
//                   than an (integer, text) pair
//
// The memory is trusted only in autocommit mode (committed data, read in the
// statement's own snapshot) and while the deletion counter kept by migration
// 10 is unchanged: paragraph ids are reused after deletions. Otherwise each
// function reads the database, as bm25() does.

#include "sqlite_search.h"
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// SQLiteNIO compiles its own SQLite with every symbol prefixed `sqlite_nio_`
// and extension loading left out; Debian's sqlite3.h gives the types.
extern int sqlite_nio_sqlite3_auto_extension(void (*entry)(void));
extern int sqlite_nio_sqlite3_prepare_v2(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
extern int sqlite_nio_sqlite3_step(sqlite3_stmt *);
extern int sqlite_nio_sqlite3_reset(sqlite3_stmt *);
extern int sqlite_nio_sqlite3_finalize(sqlite3_stmt *);
extern int sqlite_nio_sqlite3_bind_int64(sqlite3_stmt *, int, sqlite3_int64);
extern int sqlite_nio_sqlite3_bind_pointer(sqlite3_stmt *, int, void *, const char *, void (*)(void *));
extern sqlite3_int64 sqlite_nio_sqlite3_column_int64(sqlite3_stmt *, int);
extern const unsigned char *sqlite_nio_sqlite3_column_text(sqlite3_stmt *, int);
extern const void *sqlite_nio_sqlite3_column_blob(sqlite3_stmt *, int);
extern int sqlite_nio_sqlite3_column_bytes(sqlite3_stmt *, int);
extern int sqlite_nio_sqlite3_column_type(sqlite3_stmt *, int);
extern int sqlite_nio_sqlite3_get_autocommit(sqlite3 *);
extern void sqlite_nio_sqlite3_result_double(sqlite3_context *, double);
extern void sqlite_nio_sqlite3_result_int64(sqlite3_context *, sqlite3_int64);
extern void sqlite_nio_sqlite3_result_text(sqlite3_context *, const char *, int, void (*)(void *));
extern void sqlite_nio_sqlite3_result_null(sqlite3_context *);
extern void sqlite_nio_sqlite3_result_error_code(sqlite3_context *, int);
extern void sqlite_nio_sqlite3_result_error(sqlite3_context *, const char *, int);

enum { languageLimit = 64, languageLength = 16 };

typedef struct {
    int32_t tokens; // -1: not known in memory
    int32_t language;
    int64_t document;
} Paragraph;

/// One per connection: never shared between threads.
typedef struct {
    sqlite3 *db;
    Paragraph *paragraphs;
    sqlite3_int64 capacity;
    sqlite3_int64 loadedThrough; // highest paragraph id read
    sqlite3_int64 deletions;     // the counter's value when loaded
    int loaded;
    char languages[languageLimit][languageLength];
    int languageCount;
} Paragraphs;

/// Per statement: whether memory may be trusted, the bm25 figures of the
/// query, and a row lookup for when it may not.
typedef struct {
    int trusted;
    int phraseCount;
    double averageLength;
    double *inverseFrequency;
    double *frequency;
    sqlite3_stmt *lookup;
} Query;

static void forgetQuery(void *pointer) {
    Query *query = pointer;
    if (query->lookup) sqlite_nio_sqlite3_finalize(query->lookup);
    free(query->inverseFrequency);
    free(query);
}

static int internLanguage(Paragraphs *store, const char *code) {
    for (int i = 0; i < store->languageCount; i++) {
        if (strcmp(store->languages[i], code) == 0) return i;
    }
    if (store->languageCount == languageLimit || strlen(code) >= languageLength) return -1;
    strcpy(store->languages[store->languageCount], code);
    return store->languageCount++;
}

static int reserve(Paragraphs *store, sqlite3_int64 id) {
    if (id < store->capacity) return SQLITE_OK;
    sqlite3_int64 capacity = store->capacity ? store->capacity : 1024;
    while (capacity <= id) capacity *= 2;
    Paragraph *grown = realloc(store->paragraphs, (size_t)capacity * sizeof(Paragraph));
    if (!grown) return SQLITE_NOMEM;
    for (sqlite3_int64 i = store->capacity; i < capacity; i++) grown[i].tokens = -1;
    store->paragraphs = grown;
    store->capacity = capacity;
    return SQLITE_OK;
}

static sqlite3_int64 readVarint(const unsigned char **cursor, const unsigned char *end) {
    sqlite3_int64 value = 0;
    for (int shift = 0; *cursor < end && shift < 63; shift += 7) {
        unsigned char byte = *(*cursor)++;
        value = (value << 7) | (byte & 0x7f);
        if (!(byte & 0x80)) break;
    }
    return value;
}

static int deletionCount(sqlite3 *db, sqlite3_int64 *count) {
    sqlite3_stmt *statement = 0;
    int rc = sqlite_nio_sqlite3_prepare_v2(db, "SELECT deletions FROM kb_paragraph_changes", -1, &statement, 0);
    if (rc == SQLITE_OK) {
        rc = sqlite_nio_sqlite3_step(statement) == SQLITE_ROW ? SQLITE_OK : SQLITE_ERROR;
        if (rc == SQLITE_OK) *count = sqlite_nio_sqlite3_column_int64(statement, 0);
    }
    sqlite_nio_sqlite3_finalize(statement);
    return rc;
}

/// Brings memory up to the statement's snapshot: everything again after a
/// deletion, else the paragraphs added since the last load.
static int refresh(Paragraphs *store) {
    sqlite3_int64 deletions = 0;
    int rc = deletionCount(store->db, &deletions);
    if (rc != SQLITE_OK) return rc;
    if (!store->loaded || deletions != store->deletions) {
        for (sqlite3_int64 i = 0; i < store->capacity; i++) store->paragraphs[i].tokens = -1;
        store->loadedThrough = 0;
        store->deletions = deletions;
        store->loaded = 1;
    }
    sqlite3_stmt *statement = 0;
    rc = sqlite_nio_sqlite3_prepare_v2(store->db,
        "SELECT p.id, p.document_id, p.language, s.sz FROM kb_paragraphs p "
        "JOIN kb_paragraph_fts_docsize s ON s.id = p.id WHERE p.id > ?1 ORDER BY p.id", -1, &statement, 0);
    if (rc == SQLITE_OK) rc = sqlite_nio_sqlite3_bind_int64(statement, 1, store->loadedThrough);
    while (rc == SQLITE_OK) {
        int step = sqlite_nio_sqlite3_step(statement);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) { rc = step; break; }
        sqlite3_int64 id = sqlite_nio_sqlite3_column_int64(statement, 0);
        if (id < 0 || (rc = reserve(store, id)) != SQLITE_OK) break;
        const unsigned char *sizes = sqlite_nio_sqlite3_column_blob(statement, 3);
        const unsigned char *end = sizes + sqlite_nio_sqlite3_column_bytes(statement, 3);
        sqlite3_int64 tokens = 0;
        while (sizes && sizes < end) tokens += readVarint(&sizes, end);
        const char *language = (const char *)sqlite_nio_sqlite3_column_text(statement, 2);
        Paragraph *paragraph = &store->paragraphs[id];
        paragraph->document = sqlite_nio_sqlite3_column_int64(statement, 1);
        paragraph->language = language ? internLanguage(store, language) : -1;
        paragraph->tokens = paragraph->language < 0 || tokens > INT32_MAX ? -1 : (int32_t)tokens;
        store->loadedThrough = id;
    }
    sqlite_nio_sqlite3_finalize(statement);
    return rc;
}

static const Paragraph *remembered(const Paragraphs *store, const Query *query, sqlite3_int64 id) {
    if (!query->trusted || id < 0 || id >= store->capacity || store->paragraphs[id].tokens < 0) return 0;
    return &store->paragraphs[id];
}

static int countHit(const Fts5ExtensionApi *api, Fts5Context *context, void *count) {
    (void)api; (void)context;
    (*(sqlite3_int64 *)count)++;
    return SQLITE_OK;
}

/// The statement's Query, made on the first row: memory refreshed, or not
/// trusted outside autocommit mode.
static int queryFor(const Fts5ExtensionApi *api, Fts5Context *context, Query **out) {
    Query *query = api->xGetAuxdata(context, 0);
    if (query) { *out = query; return SQLITE_OK; }
    Paragraphs *store = api->xUserData(context);
    query = calloc(1, sizeof(Query));
    if (!query) return SQLITE_NOMEM;
    query->trusted = sqlite_nio_sqlite3_get_autocommit(store->db) && refresh(store) == SQLITE_OK;
    query->phraseCount = -1;
    int rc = api->xSetAuxdata(context, query, forgetQuery);
    if (rc == SQLITE_OK) *out = query;
    return rc;
}

/// bm25's average length and inverse document frequencies, once per statement.
static int prepareRanking(const Fts5ExtensionApi *api, Fts5Context *context, Query *query) {
    if (query->phraseCount >= 0) return SQLITE_OK;
    int phrases = api->xPhraseCount(context);
    query->inverseFrequency = calloc((size_t)phrases * 2 + 1, sizeof(double));
    if (!query->inverseFrequency) return SQLITE_NOMEM;
    query->frequency = query->inverseFrequency + phrases;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(context, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(context, -1, &tokens);
    if (rc == SQLITE_OK) query->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
    for (int i = 0; rc == SQLITE_OK && i < phrases; i++) {
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(context, i, &hits, countHit);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        query->inverseFrequency[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (rc == SQLITE_OK) query->phraseCount = phrases;
    return rc;
}

static void rank(const Fts5ExtensionApi *api, Fts5Context *context, sqlite3_context *result, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    Query *query = 0;
    int rc = queryFor(api, context, &query);
    if (rc == SQLITE_OK) rc = prepareRanking(api, context, query);
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
        const Paragraph *paragraph = remembered(api->xUserData(context), query, api->xRowid(context));
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
    Paragraphs *store = api->xUserData(context);
    Query *query = 0;
    int rc = queryFor(api, context, &query);
    if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
    sqlite3_int64 id = api->xRowid(context);
    const Paragraph *paragraph = remembered(store, query, id);
    if (paragraph) {
        const char *code = store->languages[paragraph->language];
        if (fact == languageFact) sqlite_nio_sqlite3_result_text(result, code, -1, SQLITE_STATIC);
        else if (fact == documentFact) sqlite_nio_sqlite3_result_int64(result, paragraph->document);
        else setFacetKey(result, paragraph->document, code);
        return;
    }
    if (!query->lookup) {
        rc = sqlite_nio_sqlite3_prepare_v2(store->db, "SELECT document_id, language FROM kb_paragraphs WHERE id = ?1", -1, &query->lookup, 0);
        if (rc != SQLITE_OK) { sqlite_nio_sqlite3_result_error_code(result, rc); return; }
    }
    sqlite_nio_sqlite3_bind_int64(query->lookup, 1, id);
    if (sqlite_nio_sqlite3_step(query->lookup) == SQLITE_ROW) {
        sqlite3_int64 documentID = sqlite_nio_sqlite3_column_int64(query->lookup, 0);
        const char *code = (const char *)sqlite_nio_sqlite3_column_text(query->lookup, 1);
        if (fact == languageFact) sqlite_nio_sqlite3_result_text(result, code, -1, SQLITE_TRANSIENT);
        else if (fact == documentFact) sqlite_nio_sqlite3_result_int64(result, documentID);
        else setFacetKey(result, documentID, code);
    } else {
        sqlite_nio_sqlite3_result_null(result);
    }
    sqlite_nio_sqlite3_reset(query->lookup);
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

static void forgetParagraphs(void *pointer) {
    Paragraphs *store = pointer;
    free(store->paragraphs);
    free(store);
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
    Paragraphs *store = calloc(1, sizeof(Paragraphs));
    if (!store) return SQLITE_NOMEM;
    store->db = db;
    // The last registration owns the memory: FTS5 calls its destructor when the connection closes.
    int rc = fts->xCreateFunction(fts, "kb_rank", store, rank, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_document", store, document, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_language", store, language, 0);
    if (rc == SQLITE_OK) rc = fts->xCreateFunction(fts, "kb_facet_key", store, facetKey, forgetParagraphs);
    else forgetParagraphs(store);
    return rc;
}

int synergia_sqlite_search_install(void) {
    return sqlite_nio_sqlite3_auto_extension((void (*)(void))installOnConnection);
}
