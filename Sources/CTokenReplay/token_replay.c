#include "h20q_token_replay.h"

#include <stdlib.h>
#include <string.h>

enum { QUEUE_CAPACITY = 4 };

typedef struct {
    const char *text;
    int text_length;
    const unsigned char *tokens;
    size_t tokens_length;
} Queued;

/// What the calling thread queued: a full-text insert tokenizes its columns on the thread
/// that steps it, so the queue needs no lock.
static _Thread_local struct {
    Queued entries[QUEUE_CAPACITY];
    int count;
    long replayed;
    long tokenized;
} pending;

/// The module's user data: SQLite's porter tokenizer, as found before the stand-in was put in
/// front of it, and the arguments recordings are made with.
typedef struct {
    fts5_tokenizer porter;
    void *porter_data;
    char *arguments;
} Module;

/// One tokenizer instance: SQLite's, and whether its arguments are those recordings use.
typedef struct {
    Module *module;
    Fts5Tokenizer *inner;
    int replays;
} Instance;

static int arguments_match(const char *expected, const char **arguments, int count) {
    size_t offset = 0;
    for (int index = 0; index < count; index++) {
        size_t length = strlen(arguments[index]);
        if (index > 0) {
            if (expected[offset] != ' ') return 0;
            offset++;
        }
        if (strncmp(expected + offset, arguments[index], length) != 0) return 0;
        offset += length;
    }
    return expected[offset] == '\0';
}

static int instance_create(void *context, const char **arguments, int count, Fts5Tokenizer **out) {
    Module *module = context;
    Instance *instance = sqlite3_malloc(sizeof(Instance));
    if (instance == NULL) return SQLITE_NOMEM;
    instance->module = module;
    instance->inner = NULL;
    instance->replays = arguments_match(module->arguments, arguments, count);
    int code = module->porter.xCreate(module->porter_data, arguments, count, &instance->inner);
    if (code != SQLITE_OK) {
        sqlite3_free(instance);
        return code;
    }
    *out = (Fts5Tokenizer *)instance;
    return SQLITE_OK;
}

static void instance_delete(Fts5Tokenizer *tokenizer) {
    Instance *instance = (Instance *)tokenizer;
    instance->module->porter.xDelete(instance->inner);
    sqlite3_free(instance);
}

static inline int read_varint(const unsigned char **cursor, const unsigned char *end, size_t *value) {
    // Most values fit one byte: token lengths, gaps and spans are short.
    if (*cursor < end && **cursor < 0x80) {
        *value = *(*cursor)++;
        return 1;
    }
    size_t result = 0;
    int shift = 0;
    while (*cursor < end && shift < 63) {
        unsigned char byte = *(*cursor)++;
        result |= (size_t)(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            *value = result;
            return 1;
        }
        shift += 7;
    }
    return 0;
}

/// Hands FTS5 the tokens of a recording; SQLITE_CORRUPT if it does not fit its text.
static int replay(const Queued *queued, void *context,
                  int (*token)(void *, int, const char *, int, int, int)) {
    const unsigned char *cursor = queued->tokens;
    const unsigned char *end = queued->tokens + queued->tokens_length;
    size_t start = 0;
    while (cursor < end) {
        size_t header, delta, span;
        if (!read_varint(&cursor, end, &header)) return SQLITE_CORRUPT;
        size_t length = header >> 1;
        if ((size_t)(end - cursor) < length) return SQLITE_CORRUPT;
        const char *bytes = (const char *)cursor;
        cursor += length;
        if (!read_varint(&cursor, end, &delta) || !read_varint(&cursor, end, &span)) return SQLITE_CORRUPT;
        start += delta;
        if (start + span > (size_t)queued->text_length) return SQLITE_CORRUPT;
        int flags = (header & 1) ? FTS5_TOKEN_COLOCATED : 0;
        int code = token(context, flags, bytes, (int)length, (int)start, (int)(start + span));
        if (code != SQLITE_OK) return code;
    }
    return SQLITE_OK;
}

static int instance_tokenize(Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
                             int (*token)(void *, int, const char *, int, int, int)) {
    Instance *instance = (Instance *)tokenizer;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && instance->replays) {
        for (int index = 0; index < pending.count; index++) {
            const Queued *queued = &pending.entries[index];
            if (queued->text_length == length && (length == 0 || memcmp(queued->text, text, (size_t)length) == 0)) {
                pending.replayed++;
                return replay(queued, context, token);
            }
        }
    }
    pending.tokenized++;
    return instance->module->porter.xTokenize(instance->inner, context, flags, text, length, token);
}

static void module_destroy(void *context) {
    Module *module = context;
    sqlite3_free(module->arguments);
    sqlite3_free(module);
}

int h20q_token_replay_install(sqlite3 *db, const char *arguments) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    int code = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (code != SQLITE_OK) return code;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    code = sqlite3_finalize(statement);
    if (code != SQLITE_OK) return code;
    if (api == NULL || api->iVersion < 2) return SQLITE_ERROR;

    Module *module = sqlite3_malloc(sizeof(Module));
    if (module == NULL) return SQLITE_NOMEM;
    memset(module, 0, sizeof(Module));
    code = api->xFindTokenizer(api, "porter", &module->porter_data, &module->porter);
    if (code == SQLITE_OK && module->porter.xCreate == instance_create) {
        // Installed before on this connection: stand in front of SQLite's porter, not of itself.
        Module *earlier = module->porter_data;
        module->porter = earlier->porter;
        module->porter_data = earlier->porter_data;
    }
    module->arguments = sqlite3_mprintf("%s", arguments);
    if (code != SQLITE_OK || module->arguments == NULL) {
        module_destroy(module);
        return code != SQLITE_OK ? code : SQLITE_NOMEM;
    }
    fts5_tokenizer standIn = {instance_create, instance_delete, instance_tokenize};
    return api->xCreateTokenizer(api, "porter", module, &standIn, module_destroy);
}

void h20q_token_replay_queue(const char *text, int text_length, const unsigned char *tokens, size_t tokens_length) {
    if (pending.count == QUEUE_CAPACITY) return;
    pending.entries[pending.count++] = (Queued){text, text_length, tokens, tokens_length};
}

void h20q_token_replay_clear(void) { pending.count = 0; }

void h20q_token_replay_counts(long *replayed, long *tokenized) {
    *replayed = pending.replayed;
    *tokenized = pending.tokenized;
}
