#include "package_support.hpp"

#include <cmath>

#include "catalogs.hpp"
#include "editions.hpp"
#include "qaward/documents.hpp"
#include "qaward/publicity.hpp"
#include "qaward/version.hpp"
#include "shipped_calendar.hpp"
#include "templates.hpp"

namespace qaward {

VerifyContext shipped_verify_context(const PublicKey* expected_key) {
  VerifyContext context;
  const auto& calendar = shipped_calendar();
  context.calendar = calendar.ok() ? &calendar.value() : nullptr;
  context.editions = embedded_editions();
  context.expected_key = expected_key;
  return context;
}

namespace {

std::string problems_text(const VerifyReport& r, const Catalog& t) {
  std::string out;
  for (const auto& f : r.findings) {
    if (!out.empty()) out += "；";
    out += t.sentence(f);
  }
  return out;
}

// The district office's recommendation, for the batch tables.
struct RecommendationCells {
  std::string unit, opinion, date, signature, fingerprint;
};

RecommendationCells recommendation_cells(const VerifyReport& r) {
  if (r.countersignatures.empty()) return {"", "", "", "无", ""};
  const auto& c = r.countersignatures.front();
  const bool valid = c.signature.valid && c.binds_applicant;
  return {c.unit, c.opinion, c.date,
          !valid ? "无效" : c.key_pinned ? "有效（与指定的审核单位公钥一致）" : "有效（密钥未核对）", c.signature.fingerprint};
}

std::string signature_text(const VerifyReport& r) {
  return r.signature.valid ? "有效" : r.signature.present ? "无效" : "缺失";
}

std::string eligibility_text(const VerifyReport& r, const Catalog& t) {
  if (r.rerun_eligibility.empty()) return "—";
  return t.text("elig.outcome." + r.rerun_eligibility) + (r.forced ? "（强制打包）" : "");
}

}  // namespace

std::string precheck_csv(const std::vector<std::pair<std::string, VerifyReport>>& reports) {
  const Catalog& t = catalog(Language::zh);
  std::vector<std::vector<std::string>> rows = {
      {"文件", "结论", "组织", "统一社会信用代码", "申报包编号", "签名", "密钥指纹", "资格（复核）", "公示", "商业秘密附件", "自评总分",
       "审核推荐意见签名", "审核单位", "审核推荐意见", "审核日期", "审核单位密钥指纹", "问题"}};
  for (const auto& [file, r] : reports) {
    const auto rec = recommendation_cells(r);
    rows.push_back({file, r.valid ? "通过" : "不通过", r.organization, r.uscc, r.package_id, signature_text(r),
                    r.signature.fingerprint, eligibility_text(r, t), r.publicity_state, std::to_string(r.trade_secret_files.size()),
                    r.assessment_total ? format_points(std::llround(*r.assessment_total * 100)) : "", rec.signature, rec.unit,
                    rec.opinion, rec.date, rec.fingerprint, problems_text(r, t)});
  }
  return csv_document(rows);
}

nlohmann::json precheck_json(const std::vector<std::pair<std::string, VerifyReport>>& reports) {
  nlohmann::json out = {{"format", "qaward-precheck/1"}, {"product_version", std::string(version())}, {"packages", nlohmann::json::array()}};
  for (const auto& [file, r] : reports) {
    auto item = to_json(r, catalog(Language::zh), catalog(Language::en));
    item["file"] = file;
    out["packages"].push_back(item);
  }
  return out;
}

std::vector<ReportLine> report_lines(const VerifyReport& r, const Catalog& t, std::vector<ReportLine> middle) {
  using Tone = ReportLine::Tone;
  std::vector<ReportLine> out;
  auto add = [&](Tone tone, std::string text) { out.push_back({tone, std::move(text), false}); };
  if (!r.package_id.empty()) add(Tone::plain, t.text("cli.verify.package", {{"id", r.package_id}, {"org", r.organization}, {"uscc", r.uscc}}));
  if (r.signature.present) {
    // A valid signature over a package that fails its checks is not good
    // news: it is said as a warning, with the reason (issue 16).
    const char* key = !r.signature.valid ? "cli.verify.signature_bad"
                      : r.valid          ? "cli.verify.signature_ok"
                                         : "cli.verify.signature_ok_content_bad";
    add(!r.signature.valid ? Tone::bad : r.valid ? Tone::good : Tone::warning,
        t.text(key, {{"key", r.signature.key_id}, {"fingerprint", r.signature.fingerprint}}));
  }
  for (const auto& c : r.countersignatures) {
    const bool valid = c.signature.valid && c.binds_applicant;
    add(valid ? Tone::good : Tone::bad, t.text(valid ? "cli.verify.countersigned" : "cli.verify.countersign_bad",
                                               {{"unit", c.unit}, {"date", c.date}, {"key", c.signature.key_id}, {"opinion", c.opinion}}));
    // Anyone can make a key and sign as "天山区市场监督管理局": the key
    // proves who signed only when compared with the one the office publishes.
    if (valid) {
      add(c.key_pinned ? Tone::good : Tone::warning,
          t.text(c.key_pinned ? "cli.verify.office_key_pinned" : "cli.verify.office_key_compare",
                 {{"fingerprint", c.signature.fingerprint}}));
    }
  }
  // In words (issue 16): the edition by its title, the end of the publicity
  // as notices say it; the report's JSON keeps the id and ISO 8601.
  const bool en = t.language().starts_with("en");
  if (!r.rerun_eligibility.empty()) {
    // (The editions parsed once: reviewer mode draws these lines every frame.)
    const auto& editions = shipped_editions();
    const RuleSet* rules = editions.ok() ? editions.value().find(r.edition) : nullptr;
    const std::string edition = rules != nullptr ? (en ? rules->title.en : rules->title.zh) : r.edition;
    add(Tone::plain, t.text("cli.verify.eligibility", {{"outcome", t.text("elig.outcome." + r.rerun_eligibility)}, {"edition", edition}}));
  }
  if (!r.publicity_state.empty()) {
    const auto end = parse_datetime(r.publicity_end);
    const std::string words = !end ? r.publicity_end : en ? english_instant(*end) : chinese_instant(*end);
    add(Tone::plain, t.text("cli.verify.publicity." + r.publicity_state, {{"end", words}}));
  }
  for (auto& line : middle) out.push_back(std::move(line));
  // The attachment by its name (the report's JSON keeps its path in the bag).
  for (const auto& s : r.trade_secret_files) add(Tone::plain, t.text("cli.verify.trade_secret", {{"file", s.substr(s.rfind('/') + 1)}}));
  for (const auto& f : r.findings) {
    out.push_back({f.severity == Severity::error ? Tone::bad : Tone::warning, t.sentence(f), true});
  }
  return out;
}

// The report prints in Chinese: it goes on the district's file (Article 11(3)).
std::string precheck_html(const std::vector<std::pair<std::string, VerifyReport>>& reports) {
  const Catalog& t = catalog(Language::zh);
  std::string rows;
  int valid = 0;
  for (const auto& [file, r] : reports) {
    valid += r.valid ? 1 : 0;
    std::string secrets;
    for (const auto& s : r.trade_secret_files) secrets += (secrets.empty() ? "" : "\n") + s;
    const auto rec = recommendation_cells(r);
    const auto signed_at = parse_datetime(rec.date);  // printed for people; the CSV and JSON keep ISO 8601
    const std::string recommendation =
        r.countersignatures.empty()
            ? "—"
            : rec.unit + "，" + (signed_at ? chinese_date_time(*signed_at) : rec.date) + "\n" + rec.opinion + "\n" + rec.signature + " " +
                  rec.fingerprint;
    const char* publicity = r.publicity_state == "complete" ? "已满" : r.publicity_state == "not_complete" ? "未满" : "无记录";
    rows += render_template("parts/precheck-row.html", {{"tone", r.valid ? "ok" : "bad"},
                                 {"file", file},
                                 {"verdict", r.valid ? "通过" : "不通过"},
                                 {"organization", r.organization},
                                 {"uscc", r.uscc},
                                 {"signature", signature_text(r)},
                                 {"signature_tone", r.signature.valid ? "" : "bad-signature"},
                                 {"fingerprint", r.signature.fingerprint},
                                 {"eligibility", eligibility_text(r, t)},
                                 {"publicity", publicity},
                                 {"trade_secrets", secrets.empty() ? "—" : secrets},
                                 {"recommendation", recommendation},
                                 {"problems", problems_text(r, t)}});
  }
  const auto& shipped = shipped_editions();
  const RuleSet* rules = shipped.ok() ? &shipped.value().default_rules() : nullptr;
  return render_template("precheck-report.html",
                       {{"count", std::to_string(reports.size())},
                        {"valid", std::to_string(valid)},
                        {"citation", rules ? rules->cite_zh(rules->procedure.review_citation) : ""},
                        {"version", std::string(version())},
                        {"edition", rules ? rules->edition : ""}},
                       {{"rows", rows}});
}

}  // namespace qaward
