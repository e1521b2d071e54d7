#ifndef SYNERGIA_PARAGRAPH_MEMORY_H
#define SYNERGIA_PARAGRAPH_MEMORY_H

#include "sqlite_nio_api.h"
#include <stdatomic.h>
#include <stdint.h>

enum { languageLimit = 64, languageLength = 16 };

typedef struct {
    int32_t tokens; // -1: no such paragraph
    int32_t language;
    int64_t document;
} Paragraph;

/// Every paragraph's length in tokens, document and language, as committed
/// when it was read. Never changed once published: a newer one replaces it,
/// and each is freed when its last reader releases it.
typedef struct {
    atomic_int references;
    sqlite3_int64 deletions;     // the deletion counter it was read at
    sqlite3_int64 loadedThrough; // highest paragraph id read
    sqlite3_int64 capacity;
    Paragraph *paragraphs;       // indexed by paragraph id
    char languages[languageLimit][languageLength];
    int languageCount;
} ParagraphSnapshot;

/// One per database file in the process, shared by its connections.
typedef struct ParagraphMemory ParagraphMemory;

ParagraphMemory *paragraph_memory_attach(sqlite3 *db);
void paragraph_memory_detach(ParagraphMemory *memory);

/// A snapshot holding every paragraph the current statement of `db` can see,
/// retained for the caller; NULL when none may be trusted (inside a
/// transaction, or a statement older than the last deletion seen).
ParagraphSnapshot *paragraph_memory_snapshot(ParagraphMemory *memory, sqlite3 *db);
void paragraph_snapshot_release(ParagraphSnapshot *snapshot);

#endif
