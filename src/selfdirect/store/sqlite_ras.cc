#include "selfdirect/store/sqlite_ras.h"

#include "selfdirect/core/clock.h"
#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

constexpr const char* kColumns =
    "council_id, model_id, version, title, period, effective_from, published_at, published_by, "
    "published_by_name";

Result<ras::PublishedModel> ReadModel(const Statement& st, bool with_source) {
  auto published = ParseTimestamp(st.Text(6));
  if (!published) return tl::unexpected(CorruptValue("ras_model_versions.published_at"));
  ras::PublishedModel m;
  m.council = CouncilId(st.Text(0));
  m.model_id = st.Text(1);
  m.version = st.Int(2);
  m.title = st.Text(3);
  m.period = st.Text(4);
  m.effective_from = st.Text(5);
  m.published_at = *published;
  m.published_by = st.Text(7);
  m.published_by_name = st.Text(8);
  if (with_source) m.source = st.Text(9);
  return m;
}

}  // namespace

Status SqliteModelRepository::Publish(const ras::PublishedModel& m) {
  auto st = c_.Prepare(std::string("INSERT INTO ras_model_versions (") + kColumns +
                       ", source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
  if (!st) return tl::unexpected(st.error());
  auto result =
      st->Bind(m.council.str(), m.model_id, m.version, m.title, m.period, m.effective_from,
               FormatTimestamp(m.published_at), m.published_by, m.published_by_name, m.source)
          .Run();
  if (!result && result.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "Version " + std::to_string(m.version) + " of model " +
                                          m.model_id + " is already published");
  }
  return result;
}

Result<std::vector<ras::PublishedModel>> SqliteModelRepository::ListVersions(
    const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kColumns +
                       " FROM ras_model_versions WHERE council_id = $1"
                       " ORDER BY model_id, version DESC");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<ras::PublishedModel>(*st, [](const Statement& s) { return ReadModel(s, false); });
}

Result<std::optional<ras::PublishedModel>> SqliteModelRepository::FindVersion(
    const CouncilId& council, const std::string& model_id, std::int64_t version) {
  auto st = c_.Prepare(std::string("SELECT ") + kColumns +
                       ", source FROM ras_model_versions"
                       " WHERE council_id = $1 AND model_id = $2 AND ($3 = 0 OR version = $3)"
                       " ORDER BY version DESC LIMIT 1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), model_id, version);
  return AtMostOne(
      Collect<ras::PublishedModel>(*st, [](const Statement& s) { return ReadModel(s, true); }));
}

}  // namespace selfdirect::store
