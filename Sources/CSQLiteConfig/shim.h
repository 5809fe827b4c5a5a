#include <sqlite3.h>

/// sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on): variadic, so Swift cannot call it itself.
/// With memory statistics on (SQLite's default), every allocation in every connection takes
/// one process-wide mutex. Only before SQLite initializes; SQLITE_MISUSE after.
static inline int h20q_sqlite_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
