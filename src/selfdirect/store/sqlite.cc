#include "selfdirect/store/sqlite.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

namespace selfdirect::store {

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_),
      stmt_(other.stmt_),
      slots_(other.slots_),
      bind_status_(std::move(other.bind_status_)) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  // Unbinding also drops any Borrowed text's pointer before the caller's memory goes away.
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

int Statement::Slot(int number) {
  // SQLite treats "$1" as a parameter *named* "$1" and numbers parameters in order of first
  // appearance, so "$3" may be slot 1: the connection worked the slots out when it prepared the
  // statement. A missing one is a bug in the SQL.
  const int slot = number > 0 && static_cast<std::size_t>(number) < slots_->size()
                       ? (*slots_)[static_cast<std::size_t>(number)]
                       : 0;
  if (slot == 0 && bind_status_) {
    bind_status_ = Fail(ErrorCode::kInternal,
                        "bind: the statement has no parameter $" + std::to_string(number));
  }
  return slot;
}

namespace {

// slots[n] is the slot of the parameter named "$n"; 0 where the SQL has none.
std::vector<int> SlotsOf(sqlite3_stmt* stmt) {
  std::vector<int> slots;
  const int count = sqlite3_bind_parameter_count(stmt);
  for (int slot = 1; slot <= count; ++slot) {
    const char* name = sqlite3_bind_parameter_name(stmt, slot);
    if (name == nullptr || name[0] != '$') continue;
    int number = 0;
    const char* p = name + 1;
    for (; *p >= '0' && *p <= '9' && number < 100000; ++p) number = number * 10 + (*p - '0');
    if (*p != '\0' || number == 0) continue;
    if (slots.size() <= static_cast<std::size_t>(number)) {
      slots.resize(static_cast<std::size_t>(number) + 1, 0);
    }
    slots[static_cast<std::size_t>(number)] = slot;
  }
  return slots;
}

}  // namespace

Statement& Statement::Checked(int rc) {
  if (rc != SQLITE_OK && bind_status_)
    bind_status_ = tl::unexpected(connection_->ErrorFor(rc, "bind"));
  return *this;
}

Statement& Statement::BindOne(int index, std::int64_t value) {
  return Checked(sqlite3_bind_int64(stmt_, Slot(index), value));
}

Statement& Statement::BindOne(int index, std::string_view value) {
  return Checked(sqlite3_bind_text64(stmt_, Slot(index), value.data(), value.size(),
                                     SQLITE_TRANSIENT, SQLITE_UTF8));
}

Statement& Statement::BindOne(int index, Borrowed value) {
  return Checked(sqlite3_bind_text64(stmt_, Slot(index), value.text.data(), value.text.size(),
                                     SQLITE_STATIC, SQLITE_UTF8));
}

Statement& Statement::BindOne(int index, std::nullopt_t) {
  return Checked(sqlite3_bind_null(stmt_, Slot(index)));
}

Result<bool> Statement::Step() {
  if (!bind_status_) return tl::unexpected(bind_status_.error());
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(connection_->ErrorFor(rc, "step"));
}

Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Ok();
  }
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

namespace {

// SQLite keeps memory statistics by default, and every allocation then takes a process-wide
// mutex: a few percent of a payment run's instructions. Nothing here reads them, so they are
// turned off, once, before SQLite is initialised (the first open does that). If SQLite was
// initialised already (by other code in the process), the call is refused and nothing changes.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode,
                                                     int busy_timeout_ms) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int flags = (mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> connection(new Connection(db));
  if (rc != SQLITE_OK) {
    return Fail(ErrorCode::kUnavailable,
                "Cannot open the database at " + path + ": " + sqlite3_errstr(rc));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (auto s = connection->Execute("PRAGMA foreign_keys = ON"); !s)
    return tl::unexpected(s.error());
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  // A loop prepares one statement over and over (a payment run: a transfer or a line at a
  // time), so the last one found is tried first, without hashing the SQL again.
  if (last_ == nullptr || last_->first != sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      sqlite3_stmt* stmt = nullptr;
      const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return tl::unexpected(ErrorFor(rc, "prepare"));
      it = cache_.emplace(std::string(sql), Prepared{stmt, SlotsOf(stmt)}).first;
    }
    last_ = &*it;  // the map's entries stay where they are as it grows
  }
  return Statement(this, last_->second.stmt, &last_->second.slots);
}

Status Connection::Execute(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (message != nullptr) sqlite3_free(message);
  if (rc != SQLITE_OK) return tl::unexpected(ErrorFor(rc, "execute"));
  return Ok();
}

int Connection::Changes() const { return sqlite3_changes(db_); }

Error Connection::ErrorFor(int rc, std::string_view context) const {
  const std::string detail = std::string(context) + ": " + sqlite3_errmsg(db_);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error{ErrorCode::kConflict, detail, {}};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error{ErrorCode::kNotFound, detail, {}};
    default:
      break;
  }
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Error{ErrorCode::kUnavailable, detail, {}};
    case SQLITE_READONLY:
      return Error{ErrorCode::kInternal, "write attempted in a read transaction: " + detail, {}};
    default:
      return Error{ErrorCode::kInternal, detail, {}};
  }
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  if (options.path.empty() || options.path.front() == ':') {
    return Fail(ErrorCode::kInvalidArgument, "The database must be a file path");
  }
  std::error_code ec;
  const auto parent = std::filesystem::path(options.path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable,
                "Cannot create the folder " + parent.string() + ": " + ec.message());
  }
  std::unique_ptr<Database> db(new Database(options));
  auto writer =
      Connection::Open(options.path, Connection::Mode::kReadWrite, options.busy_timeout_ms);
  if (!writer) return tl::unexpected(writer.error());
  // WAL lets readers proceed while the writer writes. FULL sync: a committed transaction
  // survives a power cut, which the ledger depends on. The writer's page cache may grow to
  // 64 MiB (SQLite's default is 2 MiB): a large transaction, such as a chunk of a payment run,
  // then keeps its changed pages in memory rather than spilling them into the WAL and reading
  // them back (a run of 100,000 budgets made a third fewer reads and writes of the database and
  // its WAL). The cache grows only as pages are used, so a small database costs no more.
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA cache_size = -65536"}) {
    if (auto s = (*writer)->Execute(pragma); !s) return tl::unexpected(s.error());
  }
  db->writer_ = std::move(*writer);
  for (int i = 0; i < options.readers; ++i) {
    auto reader =
        Connection::Open(options.path, Connection::Mode::kReadOnly, options.busy_timeout_ms);
    if (!reader) return tl::unexpected(reader.error());
    db->readers_.push_back(std::move(*reader));
  }
  return db;
}

namespace {

// BEGIN, COMMIT and ROLLBACK run from the connection's statement cache: parsing them anew for
// every transaction (sqlite3_exec) cost about a twentieth of the server's CPU under load
// (bench/RESULTS.md, 2026-11-24).
Status Control(Connection& connection, std::string_view sql) {
  auto st = connection.Prepare(sql);
  if (!st) return tl::unexpected(st.error());
  return st->Run();
}

Status InTransaction(Connection& connection, const char* begin,
                     const std::function<Status(Connection&)>& fn) {
  if (auto s = Control(connection, begin); !s) return s;
  Status result = Fail(ErrorCode::kInternal, "transaction body threw");
  try {
    result = fn(connection);
  } catch (...) {
    (void)Control(connection, "ROLLBACK");
    throw;
  }
  if (!result) {
    (void)Control(connection, "ROLLBACK");
    return result;
  }
  if (auto s = Control(connection, "COMMIT"); !s) {
    (void)Control(connection, "ROLLBACK");
    return s;
  }
  return Ok();
}

}  // namespace

Status Database::Write(const std::function<Status(Connection&)>& fn) {
  std::lock_guard lock(writer_mu_);
  return InTransaction(*writer_, "BEGIN IMMEDIATE", fn);
}

Status Database::WriteWithoutForeignKeys(const std::function<Status(Connection&)>& fn) {
  std::lock_guard lock(writer_mu_);
  // The pragma is a no-op inside a transaction, so it goes around one.
  if (auto s = writer_->Execute("PRAGMA foreign_keys = OFF"); !s) return s;
  // Whatever happens, even if fn throws, the connection goes back to enforcing foreign keys.
  struct Restore {
    Connection& c;
    ~Restore() { (void)c.Execute("PRAGMA foreign_keys = ON"); }
  } restore{*writer_};
  return InTransaction(*writer_, "BEGIN IMMEDIATE", [&](Connection& c) -> Status {
    if (auto s = fn(c); !s) return s;
    auto check = c.Prepare("PRAGMA foreign_key_check");
    if (!check) return tl::unexpected(check.error());
    auto row = check->Step();
    if (!row) return tl::unexpected(row.error());
    if (*row) {
      return Fail(ErrorCode::kFailedPrecondition, "a row of " + check->Text(0) +
                                                      " refers to a row of " + check->Text(2) +
                                                      " that is not there");
    }
    return Ok();
  });
}

std::unique_ptr<Connection> Database::Borrow() {
  std::unique_lock lock(readers_mu_);
  readers_cv_.wait(lock, [this] { return !readers_.empty(); });
  auto connection = std::move(readers_.back());
  readers_.pop_back();
  return connection;
}

void Database::Return(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(connection));
  }
  readers_cv_.notify_one();
}

Status Database::Read(const std::function<Status(Connection&)>& fn) {
  auto connection = Borrow();
  struct Giveback {
    Database* db;
    std::unique_ptr<Connection>* c;
    ~Giveback() { db->Return(std::move(*c)); }
  } giveback{this, &connection};
  return InTransaction(*connection, "BEGIN", fn);
}

}  // namespace selfdirect::store
