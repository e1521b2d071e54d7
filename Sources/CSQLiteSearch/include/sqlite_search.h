#ifndef SYNERGIA_SQLITE_SEARCH_H
#define SYNERGIA_SQLITE_SEARCH_H

/// Makes every SQLite connection opened afterwards in this process know the
/// knowledge-base search functions (`kb_rank`, `kb_document`,
/// `kb_language`, `kb_facet_key`).
/// Safe to call more than once. Returns an SQLite result code.
int synergia_sqlite_search_install(void);

#endif
