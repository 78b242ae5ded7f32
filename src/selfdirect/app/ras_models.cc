#include "selfdirect/app/ras_models.h"

#include <fmt/format.h>

#include <set>

#include "selfdirect/ras/model_loader.h"

namespace selfdirect::app {
namespace {

Status Permit(const Context& ctx, Action action, const CouncilId& council) {
  if (auto d = Decide(ctx.actor, action, Resource::Council(council)); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  return Ok();
}

std::string ProblemText(const ras::Problem& p) {
  if (p.where.line == 0) return p.message;
  return fmt::format("line {}, column {}: {}", p.where.line, p.where.column, p.message);
}

}  // namespace

Result<Council> RasModels::ResolveCouncil(const Context& ctx, const std::string& council_code) {
  std::optional<Council> found;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = council_code.empty() ? tx.Councils().FindCouncil(ctx.actor.council_id)
                                        : tx.Councils().FindCouncilByCode(council_code);
    if (!council) return tl::unexpected(council.error());
    found = std::move(*council);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (council_code.empty() && !ctx.actor.signed_in()) {
    return FailFields({{"council", "Say which council, by its code (like E09000033)"}},
                      "Say which council's model to use");
  }
  if (!found) {
    return Fail(ErrorCode::kNotFound, "There is no council with the code '" + council_code + "'");
  }
  return *found;
}

Result<ModelVersions> RasModels::List(const Context& ctx, const std::string& council_code) {
  auto council = ResolveCouncil(ctx, council_code);
  if (!council) return tl::unexpected(council.error());
  if (auto p = Permit(ctx, Action::kRasModelsRead, council->id); !p)
    return tl::unexpected(p.error());
  ModelVersions out{*council, {}};
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto list = tx.RasModels().ListVersions(council->id);
    if (!list) return tl::unexpected(list.error());
    out.versions = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::shared_ptr<const ras::Model>> RasModels::Parse(const ras::PublishedModel& record) {
  const std::string key =
      record.council.str() + "/" + record.model_id + "/" + std::to_string(record.version);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto model = ras::LoadModel(record.source, record.model_id + ".yaml");
  if (!model) {
    // A stored model always passed the check when it was published; failing now means the
    // stored text was changed outside selfdirect or the checks became stricter.
    return Fail(ErrorCode::kInternal,
                "Published model " + record.model_id + " version " +
                    std::to_string(record.version) +
                    " no longer passes the check: " + ProblemText(model.error().front()));
  }
  std::lock_guard lock(cache_mutex_);
  cache_.emplace(key, *model);
  return *model;
}

Result<LoadedModel> RasModels::Get(const Context& ctx, const std::string& council_code,
                                   const std::string& model_id, std::int64_t version) {
  auto council = ResolveCouncil(ctx, council_code);
  if (!council) return tl::unexpected(council.error());
  if (auto p = Permit(ctx, Action::kRasModelsRead, council->id); !p)
    return tl::unexpected(p.error());
  std::optional<ras::PublishedModel> record;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.RasModels().FindVersion(council->id, model_id, version);
    if (!found) return tl::unexpected(found.error());
    record = std::move(*found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!record) {
    return Fail(ErrorCode::kNotFound,
                version == 0
                    ? fmt::format("{} has no published model called '{}'", council->name, model_id)
                    : fmt::format("{} has no version {} of the model '{}'", council->name, version,
                                  model_id));
  }
  auto model = Parse(*record);
  if (!model) return tl::unexpected(model.error());
  return LoadedModel{std::move(*record), *model};
}

Result<ras::Explanation> RasModels::Evaluate(const Context& ctx, const std::string& council_code,
                                             const std::string& model_id, std::int64_t version,
                                             const ras::RawAnswers& answers, LoadedModel* used) {
  auto loaded = Get(ctx, council_code, model_id, version);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto p = Permit(ctx, Action::kRasEvaluate, loaded->record.council); !p) {
    return tl::unexpected(p.error());
  }
  auto inputs = ras::ValidateAnswers(*loaded->model, answers);
  if (!inputs) {
    Error error = inputs.error();
    for (FieldError& field : error.fields) field.field = "answers." + field.field;
    return tl::unexpected(std::move(error));
  }
  auto explanation = ras::Explain(*loaded->model, *inputs);
  if (used != nullptr) *used = std::move(*loaded);
  return explanation;
}

Result<CheckReport> RasModels::Check(const Context& ctx, const std::string& source) {
  if (auto p = Permit(ctx, Action::kRasModelsCheck, ctx.actor.council_id); !p) {
    return tl::unexpected(p.error());
  }
  CheckReport report;
  auto model = ras::LoadModel(source, "model.yaml", /*check_examples=*/false);
  if (!model) {
    report.problems = std::move(model.error());
    return report;
  }
  report.model = *model;
  const ras::Model& draft = **model;
  for (const ras::Example& example : draft.examples) {
    ExampleResult result{example.description, example.amount_pence, std::nullopt, false};
    if (auto inputs = ras::ValidateAnswers(draft, example.answers)) {
      if (auto e = ras::Explain(draft, *inputs)) result.amount_pence = e->amount_pence;
    }
    result.passed = result.amount_pence == example.amount_pence;
    report.examples.push_back(std::move(result));
  }
  if (!ctx.actor.council_id.empty()) {
    auto current = Get(ctx, "", draft.id, 0);
    if (current) {
      report.current = std::move(*current);
    } else if (current.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(current.error());
    }
  }
  if (report.current) {
    // Every example of either version, worked out by both.
    std::vector<const ras::Example*> examples;
    for (const ras::Example& e : report.current->model->examples) examples.push_back(&e);
    for (const ras::Example& e : draft.examples) examples.push_back(&e);
    std::set<std::string> seen;
    for (const ras::Example* example : examples) {
      if (!seen.insert(example->description).second) continue;  // shared by both versions
      auto draft_inputs = ras::ValidateAnswers(draft, example->answers);
      if (!draft_inputs) continue;
      auto draft_amount = ras::Explain(draft, *draft_inputs);
      if (!draft_amount) continue;
      ComparisonRow row{example->description, std::nullopt, draft_amount->amount_pence};
      if (auto inputs = ras::ValidateAnswers(*report.current->model, example->answers)) {
        if (auto e = ras::Explain(*report.current->model, *inputs)) {
          row.current_pence = e->amount_pence;
        }
      }
      report.comparison.push_back(std::move(row));
    }
  }
  return report;
}

Result<ras::PublishedModel> RasModels::Publish(const Context& ctx, const std::string& source) {
  if (auto p = Permit(ctx, Action::kRasModelsPublish, ctx.actor.council_id); !p) {
    return tl::unexpected(p.error());
  }
  if (ctx.actor.council_id.empty()) {
    return FailFields({{"council", "Say which council publishes this model"}});
  }
  auto model = ras::LoadModel(source, "model.yaml");
  if (!model) {
    std::vector<FieldError> fields;
    for (const ras::Problem& p : model.error()) fields.push_back({"yaml", ProblemText(p)});
    return FailFields(std::move(fields),
                      "The model does not pass the check, so it cannot be published");
  }
  const ras::Model& m = **model;
  ras::PublishedModel record{
      ctx.actor.council_id, m.id,   m.version,    m.title,    ras::PeriodName(m.period),
      m.effective_from,     source, clock_.Now(), "operator", "An operator (command line)"};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (ctx.actor.signed_in()) {
      auto user = tx.Access().FindUser(ctx.actor.council_id, ctx.actor.user_id);
      if (!user) return tl::unexpected(user.error());
      record.published_by = ctx.actor.user_id.str();
      record.published_by_name = *user ? (*user)->display_name : ctx.actor.user_id.str();
    }
    auto current = tx.RasModels().FindVersion(ctx.actor.council_id, m.id, 0);
    if (!current) return tl::unexpected(current.error());
    if (*current && (*current)->version >= m.version) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("Version {} of '{}' is already published; give this one version {} "
                              "or higher",
                              (*current)->version, m.id, (*current)->version + 1));
    }
    if (auto p = tx.RasModels().Publish(record); !p) return p;
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "ras-models.publish", "ras-model",
        m.id + "/" + std::to_string(m.version), AuditOutcome::kAllowed,
        fmt::format("published RAS model {} version {} ({})", m.id, m.version, m.title));
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  record.source.clear();
  return record;
}

}  // namespace selfdirect::app
