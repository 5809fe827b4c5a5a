#ifndef H20Q_TOKEN_REPLAY_H
#define H20Q_TOKEN_REPLAY_H

#include <sqlite3.h>
#include <stddef.h>

/// Tokens recorded once, handed to FTS5 instead of tokenizing the same text again.
///
/// An ingest runs SQLite's porter tokenizer over every new story on its reading thread (to
/// count the words ranking summaries need) and, until this, again on the writer, inside the
/// full-text insert. `h20q_token_replay_install` registers on a connection a tokenizer named
/// "porter" that stands in front of SQLite's own: for a document text that the calling thread
/// queued with its tokens (`h20q_token_replay_queue`), byte for byte the same text, it hands
/// FTS5 the recorded tokens; for anything else (queries, deletes, a text not queued, other
/// tokenizer arguments) it runs SQLite's porter tokenizer as before. The recorded tokens come
/// from that same tokenizer with the same arguments, so the index is the same either way.
///
/// A recording is a sequence of tokens, each: varint (length << 1 | colocated), the token's
/// bytes, varint (start - previous start), varint (end - start); offsets in bytes of the text.

/// Registers the stand-in on `db`, replaying for tables whose porter arguments are `arguments`
/// (space-separated, e.g. "unicode61 remove_diacritics 2"). SQLITE_OK, or an error code (the
/// connection then tokenizes as before).
int h20q_token_replay_install(sqlite3 *db, const char *arguments);

/// Queues, for the calling thread, a text and its recording, until the next clear. Neither is
/// copied: both must stay valid until then.
void h20q_token_replay_queue(const char *text, int text_length, const unsigned char *tokens, size_t tokens_length);

/// Forgets what the calling thread queued.
void h20q_token_replay_clear(void);

/// Texts the calling thread's connections replayed and tokenized since it started.
void h20q_token_replay_counts(long *replayed, long *tokenized);

#endif
