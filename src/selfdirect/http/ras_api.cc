// The RAS API: published models and estimates (public), checking and publishing models
// (administrators). Thin: JSON in, one RasModels use case, JSON out.
#include <boost/json.hpp>

#include "selfdirect/app/ras_models.h"
#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"
#include "selfdirect/http/ras_json.h"
#include "selfdirect/http/service.h"
#include "selfdirect/ras/decimal.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/expression.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

using ras::FormatMicros;

json::value Decimal(const std::optional<std::int64_t>& micros) {
  if (!micros) return nullptr;
  return json::value(FormatMicros(*micros));
}

json::value Text(const std::unique_ptr<ras::Expr>& e) {
  if (!e) return nullptr;
  return json::value(ras::ExpressionText(*e));
}

// A value that uses only numbers and parameters, worked out ("120"), or null.
json::value Resolved(const ras::Model& m, const std::unique_ptr<ras::Expr>& e) {
  if (!e) return nullptr;
  auto v = ras::EvaluateConstant(m, *e);
  if (!v) return nullptr;
  return json::value(FormatMicros(*v));
}

json::value Amount(const ras::Model& m, const std::optional<ras::NamedAmount>& a) {
  if (!a) return nullptr;
  return json::object{
      {"label", a->label}, {"expression", Text(a->value)}, {"value", Resolved(m, a->value)}};
}

json::object CouncilJson(const Council& c) { return {{"code", c.code}, {"name", c.name}}; }

json::object ModelJson(const Council& council, const app::LoadedModel& loaded) {
  const ras::Model& m = *loaded.model;
  json::array questions;
  for (const ras::Question& q : m.questions) {
    json::object o{{"id", q.id},
                   {"text", q.text},
                   {"outcome", q.outcome.empty() ? json::value(nullptr) : json::value(q.outcome)},
                   {"outcome_name", ras::OutcomeName(q.outcome)},
                   {"group", q.group.empty() ? json::value(nullptr) : json::value(q.group)}};
    if (q.is_number) {
      o["number"] = {
          {"min", FormatMicros(q.min)}, {"max", FormatMicros(q.max)}, {"integer", q.integer}};
    } else {
      json::array options;
      for (const ras::AnswerOption& a : q.options) {
        options.push_back({{"code", a.code}, {"text", a.text}, {"score", FormatMicros(a.score)}});
      }
      o["options"] = std::move(options);
    }
    questions.push_back(std::move(o));
  }
  json::array attributes;
  for (const ras::Attribute& a : m.attributes) {
    json::object o{{"id", a.id}, {"label", a.label}};
    switch (a.type) {
      case ras::AttributeType::kNumber:
        o["type"] = "number";
        o["min"] = FormatMicros(a.min);
        o["max"] = FormatMicros(a.max);
        o["integer"] = a.integer;
        break;
      case ras::AttributeType::kCategory: {
        o["type"] = "category";
        json::array values;
        for (const auto& v : a.values) values.push_back({{"code", v.code}, {"text", v.text}});
        o["values"] = std::move(values);
        break;
      }
      case ras::AttributeType::kYesNo:
        o["type"] = "yes_no";
        break;
    }
    attributes.push_back(std::move(o));
  }
  json::array parameters;
  for (const ras::Parameter& p : m.parameters) {
    parameters.push_back(
        {{"id", p.id}, {"label", p.label}, {"value", FormatMicros(p.value)}, {"fit", p.fit}});
  }
  json::array derived;
  for (const ras::Derived& d : m.derived) {
    derived.push_back({{"id", d.id}, {"label", d.label}, {"expression", Text(d.value)}});
  }
  json::array bands;
  for (const ras::BandTable& b : m.bands) {
    json::array rows;
    for (const ras::Band& band : b.bands) {
      rows.push_back({{"at_least", Decimal(band.at_least)},
                      {"below", Decimal(band.below)},
                      {"value", Text(band.value)},
                      {"amount", Resolved(m, band.value)},
                      {"label", band.label}});
    }
    bands.push_back({{"id", b.id}, {"label", b.label}, {"of", Text(b.of)}, {"bands", rows}});
  }
  json::array tables;
  for (const ras::Table& t : m.tables) {
    json::array keys;
    for (const auto& k : t.keys) keys.push_back(Text(k));
    json::array rows;
    for (const ras::TableCell& cell : t.cells) {
      json::array cell_keys;
      json::array labels;
      for (std::size_t k = 0; k < cell.key_texts.size(); ++k) {
        cell_keys.push_back(json::value(cell.key_texts[k]));
        std::string label = cell.key_texts[k];
        const ras::Expr& key = *t.keys[k];
        if (key.type == ras::ValueType::kCategory && k < cell.key_values.size()) {
          label = m.attributes[key.category_attribute]
                      .values[static_cast<std::size_t>(cell.key_values[k])]
                      .text;
        }
        labels.push_back(json::value(label));
      }
      rows.push_back({{"keys", cell_keys},
                      {"key_labels", labels},
                      {"value", Text(cell.value)},
                      {"amount", Resolved(m, cell.value)}});
    }
    tables.push_back({{"id", t.id}, {"label", t.label}, {"keys", keys}, {"rows", rows}});
  }
  json::array add_ons;
  for (const ras::NamedAmount& a : m.allocation.add_ons) {
    add_ons.push_back({{"id", a.id}, {"label", a.label}, {"expression", Text(a.value)}});
  }
  json::array examples;
  for (const ras::Example& e : m.examples) {
    json::object answers;
    for (const auto& [id, raw] : e.answers) answers[id] = raw.text;
    examples.push_back(
        {{"description", e.description}, {"answers", answers}, {"amount_pence", e.amount_pence}});
  }
  const char* rounding = "half_up";
  switch (m.rounding) {
    case RoundingRule::kHalfUp:
      rounding = "half_up";
      break;
    case RoundingRule::kHalfEven:
      rounding = "half_even";
      break;
    case RoundingRule::kDown:
      rounding = "down";
      break;
    case RoundingRule::kUp:
      rounding = "up";
      break;
  }
  return {{"council", CouncilJson(council)},
          {"id", m.id},
          {"version", m.version},
          {"title", m.title},
          {"description", m.description},
          {"period", ras::PeriodName(m.period)},
          {"period_phrase", ras::PeriodPhrase(m.period)},
          {"currency", m.currency},
          {"effective_from", m.effective_from},
          {"rounding", rounding},
          {"score_word", m.score_word},
          {"published_at", FormatTimestamp(loaded.record.published_at)},
          {"published_by", loaded.record.published_by_name},
          {"questions", questions},
          {"attributes", attributes},
          {"parameters", parameters},
          {"derived", derived},
          {"bands", bands},
          {"tables", tables},
          {"allocation",
           {{"expression", Text(m.allocation.value)},
            {"transform", m.allocation.transform == ras::Transform::kSquare ? "square" : "none"},
            {"add_ons", add_ons},
            {"scale", Amount(m, m.allocation.scale)},
            {"floor", Amount(m, m.allocation.floor)},
            {"ceiling", Amount(m, m.allocation.ceiling)}}},
          {"examples", examples}};
}

json::object VersionJson(const ras::PublishedModel& v) {
  return {{"version", v.version},
          {"effective_from", v.effective_from},
          {"period", v.period},
          {"published_at", FormatTimestamp(v.published_at)},
          {"published_by", v.published_by_name}};
}

// "3" or "current" → 3 or 0; anything else is not a version.
std::optional<std::int64_t> VersionParam(const std::string& text) {
  if (text == "current") return 0;
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

// The "yaml" field of a check or publish request.
std::variant<std::string, Response> ReadSource(const Request& request) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  Fields fields(std::get<json::object>(body));
  std::string source = fields.String("yaml");
  auto errors = fields.Finish();
  if (errors.empty() && source.empty()) {
    errors.push_back({"yaml", "Choose a model file or paste the model into the box"});
  }
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  return source;
}

}  // namespace

void RegisterRasApi(Router& router, app::RasModels& ras) {
  router.Add(
      "GET", "/api/ras/models", "ras-models.list", Action::kRasModelsRead,
      [&ras](const Request& request, const PathParams&) {
        auto list = ras.List(request.ctx, request.QueryParam("council"));
        if (!list) return ProblemFromError(list.error());
        json::array models;
        for (std::size_t i = 0; i < list->versions.size(); ++i) {
          const ras::PublishedModel& newest = list->versions[i];
          json::array versions;
          for (; i < list->versions.size() && list->versions[i].model_id == newest.model_id; ++i) {
            versions.push_back(VersionJson(list->versions[i]));
          }
          --i;
          models.push_back({{"id", newest.model_id},
                            {"title", newest.title},
                            {"current", VersionJson(newest)},
                            {"versions", versions}});
        }
        return JsonResponse(200, {{"council", CouncilJson(list->council)}, {"models", models}});
      });

  router.Add("GET", "/api/ras/models/{model}/versions/{version}", "ras-models.get",
             Action::kRasModelsRead, [&ras](const Request& request, const PathParams& params) {
               const auto version = VersionParam(params.at("version"));
               if (!version) {
                 return Problem(404, "not-found", "Not found",
                                "A version is a whole number, or \"current\"");
               }
               const std::string code = request.QueryParam("council");
               auto council = ras.ResolveCouncil(request.ctx, code);
               if (!council) return ProblemFromError(council.error());
               auto loaded = ras.Get(request.ctx, code, params.at("model"), *version);
               if (!loaded) return ProblemFromError(loaded.error());
               return JsonResponse(200, ModelJson(*council, *loaded));
             });

  router.Add("POST", "/api/ras/evaluate", "ras.evaluate", Action::kRasEvaluate,
             [&ras](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const auto& object = std::get<json::object>(body);
               Fields fields(object);
               const std::string council = fields.String("council");
               const std::string model = fields.String("model");
               const auto version = fields.OptionalInteger("version");
               fields.Known("answers");
               auto errors = fields.Finish();
               if (model.empty()) errors.push_back({"model", "Say which model to use"});
               if (version && *version <= 0) {
                 errors.push_back({"version", "A version is a whole number, 1 or more"});
               }
               const auto* answers = object.if_contains("answers");
               if (answers == nullptr || !answers->is_object()) {
                 errors.push_back({"answers",
                                   "Send the answers as an object of question id to "
                                   "answer"});
               }
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto raw = ParseAnswersJson(json::serialize(*answers));
               if (!raw) return ValidationProblem({{"answers", raw.error().message}});
               app::LoadedModel used;
               auto explanation =
                   ras.Evaluate(request.ctx, council, model, version.value_or(0), *raw, &used);
               if (!explanation) return ProblemFromError(explanation.error());
               Response r;
               r.status = 200;
               r.content_type = "application/json";
               r.body = ExplanationJson(*used.model, *explanation);
               return r;
             });

  router.Add(
      "POST", "/api/ras/models/check", "ras-models.check", Action::kRasModelsCheck,
      [&ras](const Request& request, const PathParams&) {
        auto source = ReadSource(request);
        if (auto* problem = std::get_if<Response>(&source)) return *problem;
        auto report = ras.Check(request.ctx, std::get<std::string>(source));
        if (!report) return ProblemFromError(report.error());
        json::array problems;
        for (const ras::Problem& p : report->problems) {
          problems.push_back(
              {{"line", p.where.line}, {"column", p.where.column}, {"message", p.message}});
        }
        json::array examples;
        bool all_passed = true;
        for (const app::ExampleResult& e : report->examples) {
          all_passed = all_passed && e.passed;
          examples.push_back(
              {{"description", e.description},
               {"expected_pence", e.expected_pence},
               {"amount_pence", e.amount_pence ? json::value(*e.amount_pence) : nullptr},
               {"passed", e.passed}});
        }
        json::array comparison;
        for (const app::ComparisonRow& row : report->comparison) {
          comparison.push_back(
              {{"description", row.description},
               {"current_pence", row.current_pence ? json::value(*row.current_pence) : nullptr},
               {"new_pence", row.new_pence}});
        }
        json::value model = nullptr;
        if (report->model) {
          model = json::object{{"id", report->model->id},
                               {"version", report->model->version},
                               {"title", report->model->title}};
        }
        json::value current = nullptr;
        if (report->current) current = json::object{{"version", report->current->record.version}};
        return JsonResponse(200, {{"ok", report->problems.empty() && all_passed},
                                  {"problems", problems},
                                  {"model", model},
                                  {"examples", examples},
                                  {"current", current},
                                  {"comparison", comparison}});
      });

  router.Add("POST", "/api/ras/models", "ras-models.publish", Action::kRasModelsPublish,
             [&ras](const Request& request, const PathParams&) {
               auto source = ReadSource(request);
               if (auto* problem = std::get_if<Response>(&source)) return *problem;
               auto published = ras.Publish(request.ctx, std::get<std::string>(source));
               if (!published) return ProblemFromError(published.error());
               return JsonResponse(201, {{"id", published->model_id},
                                         {"version", published->version},
                                         {"title", published->title}});
             });
}

}  // namespace selfdirect::http
