#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call: this fixes the form that sets an
/// on/off option (`SQLITE_DBCONFIG_DEFENSIVE`, `SQLITE_DBCONFIG_TRUSTED_SCHEMA`, …) and reads it
/// back into `*current` (-1 or 0/1 as SQLite reports it).
static inline int csqlite_db_config_flag(sqlite3 *db, int op, int value, int *current) {
    return sqlite3_db_config(db, op, value, current);
}
