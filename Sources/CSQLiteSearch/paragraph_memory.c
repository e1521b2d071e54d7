// What the knowledge-search functions know of each paragraph without reading
// its row (sqlite_search.c): read once per database file in the process, then
// only for paragraphs added since, and read again whole after a deletion
// (SQLite reuses the ids of deleted rows; migration 10 counts deletions).
//
// A statement may use a snapshot when it reads committed data (autocommit) at
// the snapshot's deletion count and the snapshot holds every paragraph id the
// statement can see; a snapshot taken later with no deletion between holds the
// same rows plus newer ones, which that statement never meets.

#include "paragraph_memory.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ParagraphMemory {
    char *path;               // NULL: a connection's own (in-memory or temporary database)
    int connections;
    pthread_mutex_t mutex;    // guards `current`; held while reading paragraphs
    ParagraphSnapshot *current;
    ParagraphMemory *next;
};

static pthread_mutex_t registryMutex = PTHREAD_MUTEX_INITIALIZER;
static ParagraphMemory *registry;

ParagraphMemory *paragraph_memory_attach(sqlite3 *db) {
    const char *path = sqlite_nio_sqlite3_db_filename(db, "main");
    int shared = path && *path;
    pthread_mutex_lock(&registryMutex);
    ParagraphMemory *memory = 0;
    for (memory = shared ? registry : 0; memory && strcmp(memory->path, path) != 0; memory = memory->next) {}
    if (!memory) {
        memory = calloc(1, sizeof(ParagraphMemory));
        if (memory && shared && !(memory->path = strdup(path))) { free(memory); memory = 0; }
        if (memory) {
            pthread_mutex_init(&memory->mutex, 0);
            if (shared) { memory->next = registry; registry = memory; }
        }
    }
    if (memory) memory->connections++;
    pthread_mutex_unlock(&registryMutex);
    return memory;
}

void paragraph_memory_detach(ParagraphMemory *memory) {
    pthread_mutex_lock(&registryMutex);
    int last = --memory->connections == 0;
    if (last && memory->path) {
        ParagraphMemory **link = &registry;
        while (*link != memory) link = &(*link)->next;
        *link = memory->next;
    }
    pthread_mutex_unlock(&registryMutex);
    if (!last) return;
    if (memory->current) paragraph_snapshot_release(memory->current);
    pthread_mutex_destroy(&memory->mutex);
    free(memory->path);
    free(memory);
}

void paragraph_snapshot_release(ParagraphSnapshot *snapshot) {
    if (atomic_fetch_sub(&snapshot->references, 1) != 1) return;
    free(snapshot->paragraphs);
    free(snapshot);
}

static int internLanguage(ParagraphSnapshot *snapshot, const char *code) {
    for (int i = 0; i < snapshot->languageCount; i++) {
        if (strcmp(snapshot->languages[i], code) == 0) return i;
    }
    if (snapshot->languageCount == languageLimit || strlen(code) >= languageLength) return -1;
    strcpy(snapshot->languages[snapshot->languageCount], code);
    return snapshot->languageCount++;
}

static int reserve(ParagraphSnapshot *snapshot, sqlite3_int64 id) {
    if (id < snapshot->capacity) return SQLITE_OK;
    sqlite3_int64 capacity = snapshot->capacity ? snapshot->capacity : 1024;
    while (capacity <= id) capacity *= 2;
    Paragraph *grown = realloc(snapshot->paragraphs, (size_t)capacity * sizeof(Paragraph));
    if (!grown) return SQLITE_NOMEM;
    for (sqlite3_int64 i = snapshot->capacity; i < capacity; i++) grown[i].tokens = -1;
    snapshot->paragraphs = grown;
    snapshot->capacity = capacity;
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

/// A copy of `base` (or an empty snapshot) with the paragraphs after its last id.
static ParagraphSnapshot *extended(sqlite3 *db, const ParagraphSnapshot *base, sqlite3_int64 deletions) {
    ParagraphSnapshot *snapshot = calloc(1, sizeof(ParagraphSnapshot));
    if (!snapshot) return 0;
    atomic_init(&snapshot->references, 1);
    snapshot->deletions = deletions;
    int rc = SQLITE_OK;
    if (base) {
        memcpy(snapshot->languages, base->languages, sizeof(base->languages));
        snapshot->languageCount = base->languageCount;
        snapshot->loadedThrough = base->loadedThrough;
        rc = reserve(snapshot, base->capacity - 1);
        if (rc == SQLITE_OK && base->capacity) memcpy(snapshot->paragraphs, base->paragraphs, (size_t)base->capacity * sizeof(Paragraph));
    }
    sqlite3_stmt *statement = 0;
    if (rc == SQLITE_OK) rc = sqlite_nio_sqlite3_prepare_v2(db,
        "SELECT p.id, p.document_id, p.language, s.sz FROM kb_paragraphs p "
        "JOIN kb_paragraph_fts_docsize s ON s.id = p.id WHERE p.id > ?1 ORDER BY p.id", -1, &statement, 0);
    if (rc == SQLITE_OK) rc = sqlite_nio_sqlite3_bind_int64(statement, 1, snapshot->loadedThrough);
    while (rc == SQLITE_OK) {
        int step = sqlite_nio_sqlite3_step(statement);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) { rc = step; break; }
        sqlite3_int64 id = sqlite_nio_sqlite3_column_int64(statement, 0);
        if (id < 0 || (rc = reserve(snapshot, id)) != SQLITE_OK) break;
        const unsigned char *sizes = sqlite_nio_sqlite3_column_blob(statement, 3);
        const unsigned char *end = sizes + sqlite_nio_sqlite3_column_bytes(statement, 3);
        sqlite3_int64 tokens = 0;
        while (sizes && sizes < end) tokens += readVarint(&sizes, end);
        const char *language = (const char *)sqlite_nio_sqlite3_column_text(statement, 2);
        Paragraph *paragraph = &snapshot->paragraphs[id];
        paragraph->document = sqlite_nio_sqlite3_column_int64(statement, 1);
        paragraph->language = language ? internLanguage(snapshot, language) : -1;
        paragraph->tokens = paragraph->language < 0 || tokens > INT32_MAX ? -1 : (int32_t)tokens;
        snapshot->loadedThrough = id;
    }
    sqlite_nio_sqlite3_finalize(statement);
    if (rc == SQLITE_OK) return snapshot;
    paragraph_snapshot_release(snapshot);
    return 0;
}

/// The deletion count and the highest paragraph id the current statement sees.
static int visible(sqlite3 *db, sqlite3_int64 *deletions, sqlite3_int64 *highest) {
    sqlite3_stmt *statement = 0;
    int rc = sqlite_nio_sqlite3_prepare_v2(db,
        "SELECT (SELECT deletions FROM kb_paragraph_changes), (SELECT COALESCE(MAX(id), 0) FROM kb_paragraphs)", -1, &statement, 0);
    if (rc == SQLITE_OK) {
        rc = sqlite_nio_sqlite3_step(statement) == SQLITE_ROW ? SQLITE_OK : SQLITE_ERROR;
        if (rc == SQLITE_OK) {
            *deletions = sqlite_nio_sqlite3_column_int64(statement, 0);
            *highest = sqlite_nio_sqlite3_column_int64(statement, 1);
        }
    }
    sqlite_nio_sqlite3_finalize(statement);
    return rc;
}

ParagraphSnapshot *paragraph_memory_snapshot(ParagraphMemory *memory, sqlite3 *db) {
    sqlite3_int64 deletions = 0, highest = 0;
    if (!memory || !sqlite_nio_sqlite3_get_autocommit(db) || visible(db, &deletions, &highest) != SQLITE_OK) return 0;
    pthread_mutex_lock(&memory->mutex);
    ParagraphSnapshot *current = memory->current;
    ParagraphSnapshot *result = 0;
    if (current && current->deletions == deletions && current->loadedThrough >= highest) {
        result = current;
    } else if (!current || current->deletions < deletions) {
        result = extended(db, 0, deletions);
    } else if (current->deletions == deletions) {
        result = extended(db, current, deletions);
    } // else: this statement reads data older than the last deletion seen
    if (result && result != current) {
        memory->current = result; // the memory's reference
        if (current) paragraph_snapshot_release(current);
    }
    if (result) atomic_fetch_add(&result->references, 1);
    pthread_mutex_unlock(&memory->mutex);
    return result;
}
