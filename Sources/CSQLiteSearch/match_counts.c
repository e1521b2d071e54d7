// kb_match_counts(query): the paragraphs of kb_paragraph_fts matching an FTS5
// query, counted by kb_facet_key. Grouping 25,000 matches with GROUP BY costs
// SQLite's sorter ~4 ms; matches come in paragraph order and a document's
// paragraphs are consecutive, so counting runs of equal keys here costs
// nothing beyond the pass over the matches.
//
//   SELECT facet_key, n FROM kb_match_counts('text : "restoration"')

#include "sqlite_nio_api.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    sqlite3_int64 key;
    sqlite3_int64 count;
} Tally;

typedef struct {
    sqlite3_vtab base;
    sqlite3 *db;
} MatchCounts;

typedef struct {
    sqlite3_vtab_cursor base;
    Tally *tallies;
    int count;
    int capacity;
    int index;
} MatchCountsCursor;

enum { keyColumn, countColumn, queryColumn };

static int connectTable(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **error) {
    (void)aux; (void)argc; (void)argv; (void)error;
    int rc = sqlite_nio_sqlite3_declare_vtab(db, "CREATE TABLE x(facet_key INTEGER, n INTEGER, query HIDDEN)");
    if (rc != SQLITE_OK) return rc;
    MatchCounts *table = calloc(1, sizeof(MatchCounts));
    if (!table) return SQLITE_NOMEM;
    table->db = db;
    *out = &table->base;
    return SQLITE_OK;
}

static int disconnectTable(sqlite3_vtab *table) {
    free(table);
    return SQLITE_OK;
}

/// Usable only with the query given (`kb_match_counts(?)`).
static int bestIndex(sqlite3_vtab *table, sqlite3_index_info *info) {
    (void)table;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *constraint = &info->aConstraint[i];
        if (constraint->iColumn == queryColumn && constraint->op == SQLITE_INDEX_CONSTRAINT_EQ) {
            if (!constraint->usable) return SQLITE_CONSTRAINT;
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->idxNum = 1;
            info->estimatedCost = 1000;
            info->estimatedRows = 100;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

static int openCursor(sqlite3_vtab *table, sqlite3_vtab_cursor **out) {
    (void)table;
    MatchCountsCursor *cursor = calloc(1, sizeof(MatchCountsCursor));
    if (!cursor) return SQLITE_NOMEM;
    *out = &cursor->base;
    return SQLITE_OK;
}

static int closeCursor(sqlite3_vtab_cursor *base) {
    MatchCountsCursor *cursor = (MatchCountsCursor *)base;
    free(cursor->tallies);
    free(cursor);
    return SQLITE_OK;
}

/// Adds one match of `key`: to the last tally when the run goes on (the usual
/// case), else to the tally found by binary search, kept in key order.
static int tally(MatchCountsCursor *cursor, sqlite3_int64 key) {
    if (cursor->count > 0 && cursor->tallies[cursor->count - 1].key == key) {
        cursor->tallies[cursor->count - 1].count++;
        return SQLITE_OK;
    }
    int low = 0, high = cursor->count;
    while (low < high) {
        int middle = (low + high) / 2;
        if (cursor->tallies[middle].key < key) low = middle + 1; else high = middle;
    }
    if (low < cursor->count && cursor->tallies[low].key == key) {
        cursor->tallies[low].count++;
        return SQLITE_OK;
    }
    if (cursor->count == cursor->capacity) {
        int capacity = cursor->capacity ? cursor->capacity * 2 : 64;
        Tally *grown = realloc(cursor->tallies, (size_t)capacity * sizeof(Tally));
        if (!grown) return SQLITE_NOMEM;
        cursor->tallies = grown;
        cursor->capacity = capacity;
    }
    memmove(&cursor->tallies[low + 1], &cursor->tallies[low], (size_t)(cursor->count - low) * sizeof(Tally));
    cursor->tallies[low] = (Tally){key, 1};
    cursor->count++;
    return SQLITE_OK;
}

static int filterRows(sqlite3_vtab_cursor *base, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
    (void)idxStr;
    MatchCountsCursor *cursor = (MatchCountsCursor *)base;
    MatchCounts *table = (MatchCounts *)base->pVtab;
    cursor->count = 0;
    cursor->index = 0;
    if (idxNum != 1 || argc != 1) return SQLITE_CONSTRAINT;
    const char *query = (const char *)sqlite_nio_sqlite3_value_text(argv[0]);
    if (!query) return SQLITE_OK;
    sqlite3_stmt *statement = 0;
    int rc = sqlite_nio_sqlite3_prepare_v2(table->db,
        "SELECT kb_facet_key(kb_paragraph_fts) FROM kb_paragraph_fts WHERE kb_paragraph_fts MATCH ?1", -1, &statement, 0);
    if (rc == SQLITE_OK) rc = sqlite_nio_sqlite3_bind_text(statement, 1, query, -1, SQLITE_TRANSIENT);
    while (rc == SQLITE_OK) {
        int step = sqlite_nio_sqlite3_step(statement);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) { rc = step; break; }
        rc = tally(cursor, sqlite_nio_sqlite3_column_int64(statement, 0));
    }
    if (rc != SQLITE_OK) {
        sqlite_nio_sqlite3_free(table->base.zErrMsg);
        table->base.zErrMsg = sqlite_nio_sqlite3_mprintf("%s", sqlite_nio_sqlite3_errmsg(table->db));
    }
    sqlite_nio_sqlite3_finalize(statement);
    return rc;
}

static int nextRow(sqlite3_vtab_cursor *base) {
    ((MatchCountsCursor *)base)->index++;
    return SQLITE_OK;
}

static int atEnd(sqlite3_vtab_cursor *base) {
    MatchCountsCursor *cursor = (MatchCountsCursor *)base;
    return cursor->index >= cursor->count;
}

static int columnValue(sqlite3_vtab_cursor *base, sqlite3_context *result, int which) {
    MatchCountsCursor *cursor = (MatchCountsCursor *)base;
    const Tally *row = &cursor->tallies[cursor->index];
    if (which == keyColumn) sqlite_nio_sqlite3_result_int64(result, row->key);
    else if (which == countColumn) sqlite_nio_sqlite3_result_int64(result, row->count);
    else sqlite_nio_sqlite3_result_null(result);
    return SQLITE_OK;
}

static int rowID(sqlite3_vtab_cursor *base, sqlite3_int64 *out) {
    *out = ((MatchCountsCursor *)base)->index;
    return SQLITE_OK;
}

static const sqlite3_module matchCountsModule = {
    .iVersion = 0,
    .xCreate = 0, // eponymous only: used as kb_match_counts(…), never created
    .xConnect = connectTable,
    .xBestIndex = bestIndex,
    .xDisconnect = disconnectTable,
    .xDestroy = disconnectTable,
    .xOpen = openCursor,
    .xClose = closeCursor,
    .xFilter = filterRows,
    .xNext = nextRow,
    .xEof = atEnd,
    .xColumn = columnValue,
    .xRowid = rowID,
};

int synergia_install_match_counts(sqlite3 *db) {
    return sqlite_nio_sqlite3_create_module_v2(db, "kb_match_counts", &matchCountsModule, 0, 0);
}
