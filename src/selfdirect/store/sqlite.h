// A thin, safe layer over SQLite's C API: connections, cached prepared statements, and a
// Database with one writer connection and a pool of readers (WAL mode lets them run at once).
//
//   auto db = Database::Open({.path = "var/selfdirect.db"});
//   Status s = (*db)->Write([](Connection& c) -> Status {
//     auto st = c.Prepare("INSERT INTO councils (council_id, code, name, created_at) "
//                         "VALUES ($1, $2, $3, $4)");
//     if (!st) return tl::unexpected(st.error());
//     return st->Bind(id, code, name, when).Run();
//   });
//
// Errors come back as Result values: a unique or primary-key clash is kConflict, a missing
// foreign key is kNotFound, a busy or unreachable database kUnavailable, anything else
// kInternal (with SQLite's message, for logs only).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "selfdirect/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace selfdirect::store {

class Connection;

// Text bound without SQLite taking a copy (SQLITE_STATIC): for the few hot statements where the
// copy shows in a profile. The text must stay where it is, unchanged, until the statement has
// finished running: in practice, bind it from objects that outlive the Statement, or from
// temporaries in the same full expression as the Run() (`st->Bind(Borrowed{...}).Run()`).
// The Statement unbinds everything when it goes out of scope, so that SQLite never holds the
// pointer past that. Everywhere else, bind plain strings: SQLite copies them.
struct Borrowed {
  std::string_view text;
};

// A prepared statement borrowed from a connection's cache. Reset and unbound when it goes out
// of scope. Parameters are numbered from 1 ($1, $2, …), columns from 0.
class Statement {
 public:
  // slots[n] is the SQLite slot of "$n" (0: the SQL has no $n), worked out once when the
  // statement was prepared; it lives in the connection's cache with the statement.
  Statement(Connection* connection, sqlite3_stmt* stmt, const std::vector<int>* slots)
      : connection_(connection), stmt_(stmt), slots_(slots) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binds $index. Parameters are written $1, $2, … in the SQL (the form PostgreSQL also takes)
  // and may appear in any order or more than once.
  Statement& BindOne(int index, std::int64_t value);
  Statement& BindOne(int index, int value) { return BindOne(index, std::int64_t{value}); }
  Statement& BindOne(int index, std::string_view value);
  Statement& BindOne(int index, const std::string& value) {
    return BindOne(index, std::string_view(value));
  }
  Statement& BindOne(int index, const char* value) {
    return BindOne(index, std::string_view(value));
  }
  Statement& BindOne(int index, Borrowed value);
  Statement& BindOne(int index, std::nullopt_t);
  template <typename T>
  Statement& BindOne(int index, const std::optional<T>& value) {
    return value ? BindOne(index, *value) : BindOne(index, std::nullopt);
  }

  // Binds the arguments to $1, $2, … in order.
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 0;
    (BindOne(++index, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows (or ignores them) to completion.
  Status Run();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  int Slot(int number);
  // Records rc's error, if any, as the statement's (Step reports it).
  Statement& Checked(int rc);
  Connection* connection_;
  sqlite3_stmt* stmt_;
  const std::vector<int>* slots_;
  Status bind_status_;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode,
                                                  int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Returns a cached prepared statement for sql (prepared on first use).
  Result<Statement> Prepare(std::string_view sql);
  // Runs one or more statements with no parameters (DDL, PRAGMA, BEGIN/COMMIT).
  Status Execute(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int Changes() const;

  // The Error for SQLite result code rc on this connection, with its message.
  Error ErrorFor(int rc, std::string_view context) const;
  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  struct Prepared {
    sqlite3_stmt* stmt;
    std::vector<int> slots;  // see Statement
  };
  // Looked up by the SQL's text without copying it into a std::string first.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };
  using Cache = std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>>;
  Cache cache_;
  Cache::value_type* last_ = nullptr;  // the entry Prepare found last
};

struct DatabaseOptions {
  std::string path{};          // a file path, or ":memory:"-like names are refused: use a file
  int readers = 4;             // size of the reader pool
  int busy_timeout_ms = 5000;  // how long a writer waits for a lock before giving up
};

class Database {
 public:
  // Opens (creating if missing) the database file and its parent directory, sets WAL mode,
  // foreign keys, and the busy timeout on every connection.
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);

  // Runs fn inside BEGIN IMMEDIATE … COMMIT on the single writer connection; rolls back when
  // fn fails (or throws). Writers are serialised.
  Status Write(const std::function<Status(Connection&)>& fn);

  // Write, with foreign-key enforcement off: SQLite's procedure for rebuilding a table that
  // others refer to (create the new table, copy, drop the old, rename). Before committing it runs
  // PRAGMA foreign_key_check and rolls back, naming the first table, if any reference dangles.
  Status WriteWithoutForeignKeys(const std::function<Status(Connection&)>& fn);

  // Runs fn inside a read transaction (one consistent snapshot) on a pooled reader.
  Status Read(const std::function<Status(Connection&)>& fn);

  const std::string& path() const { return options_.path; }

 private:
  explicit Database(DatabaseOptions options) : options_(std::move(options)) {}
  std::unique_ptr<Connection> Borrow();
  void Return(std::unique_ptr<Connection> connection);

  DatabaseOptions options_;
  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

}  // namespace selfdirect::store
