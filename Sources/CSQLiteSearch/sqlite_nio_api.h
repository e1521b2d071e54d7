#ifndef SYNERGIA_SQLITE_NIO_API_H
#define SYNERGIA_SQLITE_NIO_API_H

#include <sqlite3.h>

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
extern int sqlite_nio_sqlite3_bind_text(sqlite3_stmt *, int, const char *, int, void (*)(void *));
extern const unsigned char *sqlite_nio_sqlite3_value_text(sqlite3_value *);
extern int sqlite_nio_sqlite3_value_type(sqlite3_value *);
extern sqlite3_int64 sqlite_nio_sqlite3_value_int64(sqlite3_value *);
extern int sqlite_nio_sqlite3_create_module_v2(sqlite3 *, const char *, const sqlite3_module *, void *, void (*)(void *));
extern int sqlite_nio_sqlite3_declare_vtab(sqlite3 *, const char *);
extern char *sqlite_nio_sqlite3_mprintf(const char *, ...);
extern const char *sqlite_nio_sqlite3_errmsg(sqlite3 *);
extern void sqlite_nio_sqlite3_free(void *);
extern const char *sqlite_nio_sqlite3_db_filename(sqlite3 *, const char *);

/// Registers `kb_match_counts` on one connection (match_counts.c).
int synergia_install_match_counts(sqlite3 *db);

#endif
