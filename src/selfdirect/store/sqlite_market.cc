#include "selfdirect/store/sqlite_market.h"

#include <fmt/format.h>

#include <limits>
#include <map>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using market::Provider;
using market::Service;

constexpr const char* kProviderColumns =
    "p.council_id, p.provider_id, p.name, p.description, p.cqc_location_id, p.cqc_rating, "
    "p.cqc_rated_on, p.areas, p.phone, p.email, p.address, p.contract, p.created_at, "
    "p.updated_at";
constexpr int kProviderColumnCount = 14;

constexpr const char* kServiceColumns =
    "s.council_id, s.service_id, s.provider_id, s.what, s.description, s.unit, s.price_pence, "
    "s.availability, s.days, s.need_areas, s.service_type, s.approved, s.created_at, "
    "s.updated_at";

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find(' ', start);
    if (end != start)
      out.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Reads a provider from columns starting at `at` (kProviderColumns' order), without documents.
Result<Provider> ReadProvider(const Statement& st, int at = 0) {
  Provider p;
  p.council = CouncilId(st.Text(at + 0));
  p.id = ProviderId(st.Text(at + 1));
  p.name = st.Text(at + 2);
  p.description = st.Text(at + 3);
  if (!st.IsNull(at + 4)) p.cqc_location_id = st.Text(at + 4);
  if (!st.IsNull(at + 5)) {
    p.cqc_rating = market::ParseCqcRating(st.Text(at + 5));
    if (!p.cqc_rating) return tl::unexpected(CorruptValue("providers.cqc_rating"));
  }
  if (!st.IsNull(at + 6)) {
    auto day = ParseIsoDate(st.Text(at + 6));
    if (!day) return tl::unexpected(CorruptValue("providers.cqc_rated_on"));
    p.cqc_rated_on = *day;
  }
  p.areas = SplitWords(st.Text(at + 7));
  p.phone = st.Text(at + 8);
  p.email = st.Text(at + 9);
  p.address = st.Text(at + 10);
  auto contract = market::ParseContractKind(st.Text(at + 11));
  auto created = ParseTimestamp(st.Text(at + 12));
  auto updated = ParseTimestamp(st.Text(at + 13));
  if (!contract || !created || !updated) {
    return tl::unexpected(CorruptValue("providers row " + p.id.str()));
  }
  p.contract = *contract;
  p.created_at = *created;
  p.updated_at = *updated;
  return p;
}

Result<Service> ReadService(const Statement& st, int at = 0) {
  Service s;
  s.council = CouncilId(st.Text(at + 0));
  s.id = ServiceId(st.Text(at + 1));
  s.provider = ProviderId(st.Text(at + 2));
  s.what = st.Text(at + 3);
  s.description = st.Text(at + 4);
  auto unit = market::ParseServiceUnit(st.Text(at + 5));
  s.price = Pence(st.Int(at + 6));
  s.availability = st.Text(at + 7);
  s.days = static_cast<std::uint8_t>(st.Int(at + 8));
  s.need_areas = SplitWords(st.Text(at + 9));
  auto type = market::ParseServiceType(st.Text(at + 10));
  s.approved = st.Int(at + 11) != 0;
  auto created = ParseTimestamp(st.Text(at + 12));
  auto updated = ParseTimestamp(st.Text(at + 13));
  if (!unit || !type || !created || !updated) {
    return tl::unexpected(CorruptValue("services row " + s.id.str()));
  }
  s.unit = *unit;
  s.type = *type;
  s.created_at = *created;
  s.updated_at = *updated;
  return s;
}

std::optional<std::string> NullIfEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// The words a search matches for one service.
std::string WordsFor(const Provider& p, const Service& s) {
  std::string words = p.name + "\n" + p.description + "\n" + s.what + "\n" + s.description + "\n" +
                      market::ServiceTypeLabel(s.type) + "\n" + s.availability;
  for (const std::string& code : s.need_areas) {
    if (const market::NeedArea* area = market::FindNeedArea(code)) {
      words += "\n";
      words += area->label;
    }
  }
  return words;
}

Error CqcConflict(const Provider& p) {
  const std::string message = fmt::format(
      "Another provider already has the CQC location id {}: each CQC location is "
      "registered once. Find that provider and change it instead",
      p.cqc_location_id);
  return Error{ErrorCode::kConflict, message, {{"cqc_location_id", message}}};
}

// A tag's code in lower-case hex, so that every tag is one token of letters and digits.
std::string Hex(std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += kDigits[u >> 4];
    out += kDigits[u & 0x0F];
  }
  return out;
}

// services.search_rowid is price_pence * 2^32 + a number unique at that price (migration 0027),
// so that the full-text index gives its matches cheapest first.
constexpr int kPriceShift = 32;
std::int64_t PriceOfRowid(std::int64_t rowid) { return rowid >> kPriceShift; }

// SQL for a new search_rowid for a service at the price bound as `price` ("$7"): one more than
// the highest at that price (read from the index of search_rowid), or the first.
std::string NextSearchRowid(const char* price) {
  return fmt::format(
      "coalesce((SELECT x.search_rowid FROM services x WHERE x.search_rowid BETWEEN ({0} << {1}) "
      "AND ({0} << {1}) + {2} ORDER BY x.search_rowid DESC LIMIT 1), {0} << {1}) + 1",
      price, kPriceShift, (std::int64_t{1} << kPriceShift) - 1);
}

}  // namespace

std::string SqliteMarketRepository::MatchExpression(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : w) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\"*";
  }
  return out;
}

std::string SqliteMarketRepository::TagsExpression(const CouncilId& council,
                                                   const market::DirectoryQuery& q) {
  // Migration 0027 says what each tag is.
  std::vector<std::string> tags = {"c" + Hex(council.str())};
  if (!q.need_area.empty()) tags.push_back("n" + Hex(q.need_area));
  if (!q.area.empty()) tags.push_back("a" + Hex(q.area));
  if (q.day) tags.push_back(fmt::format("d{}", static_cast<int>(*q.day)));
  if (q.min_rating) tags.push_back(fmt::format("r{}", market::CqcRatingRank(*q.min_rating)));
  std::string out;
  for (const std::string& tag : tags) {
    out += fmt::format("{}\"{}\"", out.empty() ? "" : " ", tag);
  }
  return out;
}

Status SqliteMarketRepository::WriteProviderParts(const Provider& p) {
  for (const char* sql : {"DELETE FROM provider_areas WHERE council_id = $1 AND provider_id = $2",
                          "DELETE FROM provider_documents WHERE council_id = $1 AND provider_id = "
                          "$2"}) {
    auto st = c_.Prepare(sql);
    if (!st) return tl::unexpected(st.error());
    if (auto s = st->Bind(p.council.str(), p.id.str()).Run(); !s) return s;
  }
  for (const std::string& area : p.areas) {
    auto st = c_.Prepare(
        "INSERT OR IGNORE INTO provider_areas (council_id, provider_id, area) VALUES ($1, $2, $3)");
    if (!st) return tl::unexpected(st.error());
    if (auto s = st->Bind(p.council.str(), p.id.str(), area).Run(); !s) return s;
  }
  for (std::size_t i = 0; i < p.documents.size(); ++i) {
    const market::ProviderDocument& d = p.documents[i];
    auto st = c_.Prepare(
        "INSERT INTO provider_documents (council_id, provider_id, position, kind, title, "
        "expires_on) VALUES ($1, $2, $3, $4, $5, $6)");
    if (!st) return tl::unexpected(st.error());
    auto s = st->Bind(p.council.str(), p.id.str(), static_cast<std::int64_t>(i),
                      market::DocumentKindName(d.kind), d.title, FormatIsoDate(d.expires_on))
                 .Run();
    if (!s) return s;
  }
  return Ok();
}

Status SqliteMarketRepository::AddProvider(const Provider& p) {
  auto st = c_.Prepare(
      "INSERT INTO providers (council_id, provider_id, name, name_key, description, "
      "cqc_location_id, cqc_rating, cqc_rank, cqc_rated_on, areas, phone, email, address, "
      "contract, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, $14, $15, $16)");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> rating, rated_on;
  if (p.cqc_rating) rating = market::CqcRatingName(*p.cqc_rating);
  if (p.cqc_rated_on) rated_on = FormatIsoDate(*p.cqc_rated_on);
  const std::int64_t rank = p.cqc_rating ? market::CqcRatingRank(*p.cqc_rating) : 0;
  auto s = st->Bind(p.council.str(), p.id.str(), p.name, market::NameKey(p.name), p.description,
                    NullIfEmpty(p.cqc_location_id), rating, rank, rated_on, JoinWords(p.areas),
                    p.phone, p.email, p.address, market::ContractKindName(p.contract),
                    FormatTimestamp(p.created_at), FormatTimestamp(p.updated_at))
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) return tl::unexpected(CqcConflict(p));
  if (!s) return s;
  return WriteProviderParts(p);
}

Status SqliteMarketRepository::UpdateProvider(const Provider& p) {
  auto st = c_.Prepare(
      "UPDATE providers SET name = $3, name_key = $4, description = $5, cqc_location_id = $6, "
      "cqc_rating = $7, cqc_rank = $8, cqc_rated_on = $9, areas = $10, phone = $11, email = $12, "
      "address = $13, contract = $14, updated_at = $15 WHERE council_id = $1 AND provider_id = "
      "$2");
  if (!st) return tl::unexpected(st.error());
  std::optional<std::string> rating, rated_on;
  if (p.cqc_rating) rating = market::CqcRatingName(*p.cqc_rating);
  if (p.cqc_rated_on) rated_on = FormatIsoDate(*p.cqc_rated_on);
  const std::int64_t rank = p.cqc_rating ? market::CqcRatingRank(*p.cqc_rating) : 0;
  auto s = st->Bind(p.council.str(), p.id.str(), p.name, market::NameKey(p.name), p.description,
                    NullIfEmpty(p.cqc_location_id), rating, rank, rated_on, JoinWords(p.areas),
                    p.phone, p.email, p.address, market::ContractKindName(p.contract),
                    FormatTimestamp(p.updated_at))
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) return tl::unexpected(CqcConflict(p));
  if (!s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no provider at this address");
  if (auto parts = WriteProviderParts(p); !parts) return parts;
  return RefreshWords(p.council, p.id, std::nullopt);
}

Status SqliteMarketRepository::DeleteProvider(const CouncilId& council, const ProviderId& id) {
  auto words = c_.Prepare(
      "DELETE FROM directory_text WHERE rowid IN (SELECT search_rowid FROM services WHERE "
      "council_id = $1 AND provider_id = $2)");
  if (!words) return tl::unexpected(words.error());
  if (auto s = words->Bind(council.str(), id.str()).Run(); !s) return s;
  auto st = c_.Prepare("DELETE FROM providers WHERE council_id = $1 AND provider_id = $2");
  if (!st) return tl::unexpected(st.error());
  if (auto s = st->Bind(council.str(), id.str()).Run(); !s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no provider at this address");
  return Ok();
}

Result<std::vector<Provider>> SqliteMarketRepository::SelectProviders(
    const std::string& where, const std::vector<std::string>& params) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM providers p WHERE {} ORDER BY p.name_key, p.provider_id",
                  kProviderColumns, where));
  if (!st) return tl::unexpected(st.error());
  for (std::size_t i = 0; i < params.size(); ++i) st->BindOne(static_cast<int>(i + 1), params[i]);
  auto providers = Collect<Provider>(*st, [](const Statement& s) { return ReadProvider(s); });
  if (!providers || providers->empty()) return providers;
  // Their documents, in one query.
  auto docs = c_.Prepare(fmt::format(
      "SELECT d.provider_id, d.kind, d.title, d.expires_on FROM provider_documents d JOIN "
      "providers p ON p.council_id = d.council_id AND p.provider_id = d.provider_id WHERE {} "
      "ORDER BY d.provider_id, d.position",
      where));
  if (!docs) return tl::unexpected(docs.error());
  for (std::size_t i = 0; i < params.size(); ++i) docs->BindOne(static_cast<int>(i + 1), params[i]);
  std::map<std::string, std::vector<market::ProviderDocument>> by_provider;
  for (;;) {
    auto row = docs->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto kind = market::ParseDocumentKind(docs->Text(1));
    auto expires = ParseIsoDate(docs->Text(3));
    if (!kind || !expires) return tl::unexpected(CorruptValue("provider_documents row"));
    by_provider[docs->Text(0)].push_back({*kind, docs->Text(2), *expires});
  }
  for (Provider& p : *providers) {
    if (auto it = by_provider.find(p.id.str()); it != by_provider.end()) {
      p.documents = std::move(it->second);
    }
  }
  return providers;
}

Result<std::optional<Provider>> SqliteMarketRepository::FindProvider(const CouncilId& council,
                                                                     const ProviderId& id) {
  return AtMostOne(
      SelectProviders("p.council_id = $1 AND p.provider_id = $2", {council.str(), id.str()}));
}

Result<std::optional<Provider>> SqliteMarketRepository::FindProviderByName(
    const CouncilId& council, const std::string& name_key) {
  return AtMostOne(
      SelectProviders("p.council_id = $1 AND p.name_key = $2", {council.str(), name_key}));
}

Result<std::vector<Provider>> SqliteMarketRepository::Providers(const CouncilId& council) {
  return SelectProviders("p.council_id = $1", {council.str()});
}

Status SqliteMarketRepository::WriteServiceParts(const Service& s) {
  auto del = c_.Prepare("DELETE FROM service_need_areas WHERE council_id = $1 AND service_id = $2");
  if (!del) return tl::unexpected(del.error());
  if (auto r = del->Bind(s.council.str(), s.id.str()).Run(); !r) return r;
  for (const std::string& need : s.need_areas) {
    auto st = c_.Prepare(
        "INSERT OR IGNORE INTO service_need_areas (council_id, service_id, need_area) VALUES ($1, "
        "$2, $3)");
    if (!st) return tl::unexpected(st.error());
    if (auto r = st->Bind(s.council.str(), s.id.str(), need).Run(); !r) return r;
  }
  return RefreshWords(s.council, s.provider, s.id);
}

Status SqliteMarketRepository::AddService(const Service& s) {
  auto st = c_.Prepare(fmt::format(
      "INSERT INTO services (council_id, service_id, provider_id, search_rowid, what, "
      "description, unit, price_pence, availability, days, need_areas, service_type, approved, "
      "created_at, updated_at) SELECT $1, $2, $3, {}, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14 WHERE EXISTS (SELECT 1 FROM providers WHERE council_id = $1 AND provider_id = $3)",
      NextSearchRowid("$7")));
  if (!st) return tl::unexpected(st.error());
  auto r = st->Bind(s.council.str(), s.id.str(), s.provider.str(), s.what, s.description,
                    market::ServiceUnitName(s.unit), s.price.value(), s.availability,
                    static_cast<std::int64_t>(s.days), JoinWords(s.need_areas),
                    market::ServiceTypeName(s.type), static_cast<std::int64_t>(s.approved ? 1 : 0),
                    FormatTimestamp(s.created_at), FormatTimestamp(s.updated_at))
               .Run();
  if (!r) return r;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no provider at this address");
  return WriteServiceParts(s);
}

Status SqliteMarketRepository::UpdateService(const Service& s) {
  // Its words go (RefreshWords writes them again): a new price is a new search_rowid.
  if (auto words = DeleteWords(s.council, s.id); !words) return words;
  auto st = c_.Prepare(fmt::format(
      "UPDATE services SET what = $3, description = $4, unit = $5, price_pence = $6, "
      "availability = $7, days = $8, need_areas = $9, service_type = $10, approved = $11, "
      "updated_at = $12, search_rowid = CASE WHEN price_pence = $6 THEN search_rowid ELSE {} END "
      "WHERE council_id = $1 AND service_id = $2",
      NextSearchRowid("$6")));
  if (!st) return tl::unexpected(st.error());
  auto r =
      st->Bind(s.council.str(), s.id.str(), s.what, s.description, market::ServiceUnitName(s.unit),
               s.price.value(), s.availability, static_cast<std::int64_t>(s.days),
               JoinWords(s.need_areas), market::ServiceTypeName(s.type),
               static_cast<std::int64_t>(s.approved ? 1 : 0), FormatTimestamp(s.updated_at))
          .Run();
  if (!r) return r;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no service at this address");
  return WriteServiceParts(s);
}

Status SqliteMarketRepository::DeleteWords(const CouncilId& council, const ServiceId& id) {
  auto words = c_.Prepare(
      "DELETE FROM directory_text WHERE rowid = (SELECT search_rowid FROM services WHERE "
      "council_id = $1 AND service_id = $2)");
  if (!words) return tl::unexpected(words.error());
  return words->Bind(council.str(), id.str()).Run();
}

Status SqliteMarketRepository::DeleteService(const CouncilId& council, const ServiceId& id) {
  if (auto s = DeleteWords(council, id); !s) return s;
  auto st = c_.Prepare("DELETE FROM services WHERE council_id = $1 AND service_id = $2");
  if (!st) return tl::unexpected(st.error());
  if (auto s = st->Bind(council.str(), id.str()).Run(); !s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no service at this address");
  return Ok();
}

Result<std::optional<Service>> SqliteMarketRepository::FindService(const CouncilId& council,
                                                                   const ServiceId& id) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM services s WHERE s.council_id = $1 AND s.service_id = $2", kServiceColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<Service>(*st, [](const Statement& s) { return ReadService(s); }));
}

Result<std::vector<Service>> SqliteMarketRepository::ServicesOf(const CouncilId& council,
                                                                const ProviderId& provider) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM services s WHERE s.council_id = $1 AND s.provider_id = $2 ORDER BY "
      "s.what, s.service_id",
      kServiceColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), provider.str());
  return Collect<Service>(*st, [](const Statement& s) { return ReadService(s); });
}

Status SqliteMarketRepository::RefreshWords(const CouncilId& council, const ProviderId& provider,
                                            const std::optional<ServiceId>& service) {
  auto found = FindProvider(council, provider);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "There is no provider at this address");
  auto st = c_.Prepare(fmt::format(
      "SELECT {}, s.search_rowid FROM services s WHERE s.council_id = $1 AND s.provider_id = $2 "
      "AND ($3 = '' OR s.service_id = $3)",
      kServiceColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), provider.str(), service ? service->str() : std::string());
  std::vector<std::pair<std::int64_t, std::string>> rows;
  for (;;) {
    auto row = st->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto s = ReadService(*st);
    if (!s) return tl::unexpected(s.error());
    rows.emplace_back(st->Int(14), WordsFor(**found, *s));
  }
  for (const auto& [rowid, words] : rows) {
    auto del = c_.Prepare("DELETE FROM directory_text WHERE rowid = $1");
    if (!del) return tl::unexpected(del.error());
    if (auto r = del->Bind(rowid).Run(); !r) return r;
    // The tags from the view that migration 0027 made, so that they are written one way.
    auto ins = c_.Prepare(
        "INSERT INTO directory_text (rowid, words, tags) SELECT $1, $2, tags FROM directory_tags "
        "WHERE search_rowid = $1");
    if (!ins) return tl::unexpected(ins.error());
    if (auto r = ins->Bind(rowid, words).Run(); !r) return r;
    if (c_.Changes() != 1) return tl::unexpected(CorruptValue("directory_tags for a service"));
  }
  return Ok();
}

Result<market::DirectoryResults> SqliteMarketRepository::Search(const CouncilId& council,
                                                                const market::DirectoryQuery& q) {
  // One full-text query for everything (docs/market.md, "How search is fast"; migration 0027):
  // the words in the `words` column, the council and the filters as tags in the `tags` column,
  // the highest price as a bound on the rowid, which is the price first. So the index intersects
  // them all and gives the matches cheapest first, and a search reads the matches' rowids:
  //  1. up to kDirectoryCountCap + 1 of them, for the count, and on to the end of the page and of
  //     the run of services at the price the page ends with;
  //  2. then only the page's prices, joined to the services and providers and sorted by provider
  //     and service name within each price.
  std::string match = MatchExpression(q.words);
  if (!match.empty()) match = "words : (" + match + ") AND ";
  match += "tags : (" + TagsExpression(council, q) + ")";
  const std::int64_t below = q.max_price ? (q.max_price->value() + 1) << kPriceShift
                                         : std::numeric_limits<std::int64_t>::max();

  // 1. The rowids, cheapest first.
  const auto cap = static_cast<std::size_t>(market::kDirectoryCountCap);
  const auto from = static_cast<std::size_t>(q.offset);
  const std::size_t need = from + static_cast<std::size_t>(q.limit);
  std::vector<std::int64_t> rowids;
  {
    auto st = c_.Prepare(
        "SELECT rowid FROM directory_text WHERE directory_text MATCH $1 AND rowid < $2 ORDER BY "
        "rowid");
    if (!st) return tl::unexpected(st.error());
    st->Bind(match, below);
    for (;;) {
      auto row = st->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      rowids.push_back(st->Int(0));
      const std::size_t n = rowids.size();
      if (n > cap && n > need && PriceOfRowid(rowids[n - 1]) != PriceOfRowid(rowids[need - 1])) {
        break;
      }
    }
  }
  market::DirectoryResults out;
  out.more = rowids.size() > cap;
  out.total = static_cast<std::int64_t>(std::min(rowids.size(), cap));
  const std::size_t to = std::min(need, rowids.size());
  if (from >= to) return out;

  // 2. The page: every match at the prices from its first to its last, in order.
  std::size_t lo = from, hi = to;
  while (lo > 0 && PriceOfRowid(rowids[lo - 1]) == PriceOfRowid(rowids[from])) --lo;
  while (hi < rowids.size() && PriceOfRowid(rowids[hi]) == PriceOfRowid(rowids[to - 1])) ++hi;
  // Those rows by their rowids when they are few; else (a long run of services at one price) by
  // the full-text query again, between the first and the last.
  const std::string columns = fmt::format("{}, {}", kServiceColumns, kProviderColumns);
  // Bound, not written in, so that the prepared statements kept are one per length of list.
  const std::string order =
      "ORDER BY s.price_pence, p.name_key, s.what, s.service_id LIMIT $2 OFFSET $3";
  constexpr std::size_t kMostByRowid = 500;
  const bool by_rowid = hi - lo <= kMostByRowid;
  std::string sql;
  if (by_rowid) {
    std::string list;
    for (std::size_t i = lo; i < hi; ++i)
      list += fmt::format("{}${}", i == lo ? "" : ", ", i - lo + 4);
    // "+s.council_id": the council's index of prices would otherwise be walked for the order.
    sql = fmt::format(
        "SELECT {} FROM services s JOIN providers p ON p.council_id = s.council_id AND "
        "p.provider_id = s.provider_id WHERE +s.council_id = $1 AND s.search_rowid IN ({}) {}",
        columns, list, order);
  } else {
    // CROSS JOIN keeps the full-text index first: SQLite would otherwise scan the services and
    // ask the index about each one.
    sql = fmt::format(
        "SELECT {} FROM directory_text d CROSS JOIN services s ON s.search_rowid = d.rowid JOIN "
        "providers p ON p.council_id = s.council_id AND p.provider_id = s.provider_id WHERE "
        "s.council_id = $1 AND directory_text MATCH $4 AND d.rowid BETWEEN $5 AND $6 {}",
        columns, order);
  }
  auto st = c_.Prepare(sql);
  if (!st) return tl::unexpected(st.error());
  st->BindOne(1, council.str())
      .BindOne(2, static_cast<std::int64_t>(to - from))
      .BindOne(3, static_cast<std::int64_t>(from - lo));
  if (by_rowid) {
    for (std::size_t i = lo; i < hi; ++i) st->BindOne(static_cast<int>(i - lo + 4), rowids[i]);
  } else {
    st->BindOne(4, match).BindOne(5, rowids[lo]).BindOne(6, rowids[hi - 1]);
  }
  auto hits =
      Collect<market::DirectoryHit>(*st, [](const Statement& row) -> Result<market::DirectoryHit> {
        auto s = ReadService(row);
        if (!s) return tl::unexpected(s.error());
        auto p = ReadProvider(row, kProviderColumnCount);
        if (!p) return tl::unexpected(p.error());
        return market::DirectoryHit{std::move(*s), std::move(*p)};
      });
  if (!hits) return tl::unexpected(hits.error());
  out.hits = std::move(*hits);
  return out;
}

Result<market::ApprovedListSetting> SqliteMarketRepository::ApprovedList(const CouncilId& council,
                                                                         const SchemeId& scheme) {
  auto st = c_.Prepare(
      "SELECT required FROM approved_list_settings WHERE council_id = $1 AND scheme_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), scheme.str());
  auto row = st->Step();
  if (!row) return tl::unexpected(row.error());
  market::ApprovedListSetting setting;
  if (*row) setting.required = st->Int(0) != 0;
  return setting;
}

Status SqliteMarketRepository::SetApprovedList(const CouncilId& council, const SchemeId& scheme,
                                               const market::ApprovedListSetting& setting,
                                               Timestamp at, const UserId& by) {
  auto st = c_.Prepare(
      "INSERT INTO approved_list_settings (council_id, scheme_id, required, updated_at, "
      "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (council_id, scheme_id) DO UPDATE SET "
      "required = excluded.required, updated_at = excluded.updated_at, updated_by = "
      "excluded.updated_by");
  if (!st) return tl::unexpected(st.error());
  return st
      ->Bind(council.str(), scheme.str(), static_cast<std::int64_t>(setting.required ? 1 : 0),
             FormatTimestamp(at), by.str())
      .Run();
}

Result<std::vector<market::ApprovedPlan>> SqliteMarketRepository::ApprovedPlans(
    const CouncilId& council) {
  auto plans = c_.Prepare(
      "SELECT p.plan_id, p.person_id, pe.postcode, substr(d.decided_at, 1, 10) FROM plans p "
      "JOIN plan_decisions d ON d.council_id = p.council_id AND d.plan_id = p.plan_id AND "
      "d.decision = 'approve' JOIN people pe ON pe.council_id = p.council_id AND pe.person_id = "
      "p.person_id WHERE p.council_id = $1 ORDER BY p.plan_id");
  if (!plans) return tl::unexpected(plans.error());
  plans->Bind(council.str());
  std::vector<market::ApprovedPlan> out;
  std::map<std::string, std::size_t> by_plan;
  for (;;) {
    auto row = plans->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto from = ParseIsoDate(plans->Text(3));
    if (!from) return tl::unexpected(CorruptValue("plan_decisions.decided_at"));
    by_plan[plans->Text(0)] = out.size();
    out.push_back({plans->Text(1), plans->Text(2), *from, {}});
  }
  // The service's provider, when the item names a service still in the directory.
  auto items = c_.Prepare(
      "SELECT i.plan_id, coalesce(i.service_id, ''), i.service_type, i.supplier, "
      "coalesce(p.provider_id, ''), coalesce(p.name, ''), i.unit_price_pence, i.hundredths, "
      "i.frequency FROM plan_items i JOIN plan_decisions d ON d.council_id = i.council_id AND "
      "d.plan_id = i.plan_id AND d.decision = 'approve' LEFT JOIN services s ON s.council_id = "
      "i.council_id AND s.service_id = i.service_id LEFT JOIN providers p ON p.council_id = "
      "s.council_id AND p.provider_id = s.provider_id WHERE i.council_id = $1 ORDER BY "
      "i.plan_id, i.position");
  if (!items) return tl::unexpected(items.error());
  items->Bind(council.str());
  for (;;) {
    auto row = items->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto plan = by_plan.find(items->Text(0));
    if (plan == by_plan.end()) continue;
    std::optional<casework::ItemFrequency> frequency;
    for (auto f : {casework::ItemFrequency::kPerWeek, casework::ItemFrequency::kPerYear,
                   casework::ItemFrequency::kOneOff}) {
      if (items->Text(8) == casework::ItemFrequencyName(f)) frequency = f;
    }
    if (!frequency) return tl::unexpected(CorruptValue("plan_items.frequency"));
    market::SpellItem item{items->Text(1), items->Text(2), items->Text(3)};
    item.provider_id = items->Text(4);
    item.provider_name = items->Text(5);
    item.unit_price_pence = items->Int(6);
    item.hundredths = items->Int(7);
    item.frequency = *frequency;
    out[plan->second].items.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<std::pair<std::string, Date>>> SqliteMarketRepository::Closures(
    const CouncilId& council) {
  auto st = c_.Prepare(
      "SELECT person_id, effective_on FROM closures WHERE council_id = $1 ORDER BY "
      "person_id, seq");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<std::pair<std::string, Date>>(
      *st, [](const Statement& s) -> Result<std::pair<std::string, Date>> {
        auto on = ParseIsoDate(s.Text(1));
        if (!on) return tl::unexpected(CorruptValue("closures.effective_on"));
        return std::make_pair(s.Text(0), *on);
      });
}

Result<std::vector<market::ServiceInfo>> SqliteMarketRepository::AllServices(
    const CouncilId& council) {
  auto st = c_.Prepare(
      "SELECT s.service_id, s.what, p.name, s.service_type, s.need_areas FROM services s JOIN "
      "providers p ON p.council_id = s.council_id AND p.provider_id = s.provider_id WHERE "
      "s.council_id = $1 ORDER BY p.name, s.what, s.service_id");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<market::ServiceInfo>(*st, [](const Statement& s) -> Result<market::ServiceInfo> {
    auto type = market::ParseServiceType(s.Text(3));
    if (!type) return tl::unexpected(CorruptValue("services.service_type"));
    return market::ServiceInfo{ServiceId(s.Text(0)), s.Text(1), s.Text(2), *type,
                               SplitWords(s.Text(4))};
  });
}

}  // namespace selfdirect::store
