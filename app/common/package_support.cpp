#include "package_support.hpp"

#include <cmath>

#include "catalogs.hpp"
#include "editions.hpp"
#include "qaward/documents.hpp"
#include "qaward/version.hpp"
#include "shipped_calendar.hpp"

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
    Params params = f.params;
    params["where"] = f.where;
    if (!out.empty()) out += "；";
    out += t.text(f.key, params);
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

std::string eligibility_text(const VerifyReport& r, const Catalog& t) {
  if (r.rerun_eligibility.empty()) return "—";
  return t.text("elig.outcome." + r.rerun_eligibility) + (r.forced ? "（强制打包）" : "");
}

}  // namespace

std::string precheck_csv(const std::vector<std::pair<std::string, VerifyReport>>& reports) {
  const Catalog& t = catalog(Language::zh);
  const auto field = csv_field;
  std::string csv = "\xEF\xBB\xBF文件,结论,组织,统一社会信用代码,申报包编号,签名,密钥指纹,资格（复核）,公示,商业秘密附件,自评总分,"
                    "审核推荐意见签名,审核单位,审核推荐意见,审核日期,审核单位密钥指纹,问题\r\n";
  for (const auto& [file, r] : reports) {
    const auto rec = recommendation_cells(r);
    const std::vector<std::string> row = {
        file, r.valid ? "通过" : "不通过", r.organization, r.uscc, r.package_id,
        r.signature.valid ? "有效" : (r.signature.present ? "无效" : "缺失"), r.signature.fingerprint,
        eligibility_text(r, t), r.publicity_state, std::to_string(r.trade_secret_files.size()),
        r.assessment_total ? format_points(std::llround(*r.assessment_total * 100)) : "", rec.signature, rec.unit, rec.opinion, rec.date,
        rec.fingerprint, problems_text(r, t)};
    for (std::size_t k = 0; k < row.size(); ++k) csv += (k ? "," : "") + field(row[k]);
    csv += "\r\n";
  }
  return csv;
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
    add(r.signature.valid ? Tone::good : Tone::bad,
        t.text(r.signature.valid ? "cli.verify.signature_ok" : "cli.verify.signature_bad",
               {{"key", r.signature.key_id}, {"fingerprint", r.signature.fingerprint}}));
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
  if (!r.rerun_eligibility.empty()) {
    add(Tone::plain, t.text("cli.verify.eligibility", {{"outcome", t.text("elig.outcome." + r.rerun_eligibility)}, {"edition", r.edition}}));
  }
  if (!r.publicity_state.empty()) add(Tone::plain, t.text("cli.verify.publicity." + r.publicity_state, {{"end", r.publicity_end}}));
  for (auto& line : middle) out.push_back(std::move(line));
  for (const auto& s : r.trade_secret_files) add(Tone::plain, t.text("cli.verify.trade_secret", {{"file", s}}));
  for (const auto& f : r.findings) {
    Params params = f.params;
    params["where"] = f.where;
    out.push_back({f.severity == Severity::error ? Tone::bad : Tone::warning, t.text(f.key, params), true});
  }
  return out;
}

std::string precheck_html(const std::vector<std::pair<std::string, VerifyReport>>& reports) {
  const Catalog& t = catalog(Language::zh);
  std::string rows;
  int valid = 0;
  for (const auto& [file, r] : reports) {
    valid += r.valid ? 1 : 0;
    std::string secrets;
    for (const auto& s : r.trade_secret_files) secrets += html_escape(s) + "<br>";
    const auto rec = recommendation_cells(r);
    const std::string recommendation =
        r.countersignatures.empty() ? "—"
                                    : html_escape(rec.unit) + "，" + html_escape(rec.date) + "<br>" + html_escape(rec.opinion) +
                                          "<br><small>" + html_escape(rec.signature) + " " + html_escape(rec.fingerprint) + "</small>";
    rows += "<tr class=\"" + std::string(r.valid ? "ok" : "bad") + "\"><td>" + html_escape(file) + "</td><td>" +
            (r.valid ? "通过" : "<b>不通过</b>") + "</td><td>" + html_escape(r.organization) + "<br><small>" +
            html_escape(r.uscc) + "</small></td><td>" +
            (r.signature.valid ? "有效" : r.signature.present ? "<b>无效</b>" : "<b>缺失</b>") + "<br><small>" +
            html_escape(r.signature.fingerprint) + "</small></td><td>" + html_escape(eligibility_text(r, t)) + "</td><td>" +
            html_escape(r.publicity_state == "complete" ? "已满" : r.publicity_state == "not_complete" ? "未满" : "无记录") +
            "</td><td>" + (secrets.empty() ? "—" : secrets) + "</td><td>" + recommendation + "</td><td>" + html_escape(problems_text(r, t)) +
            "</td></tr>";
  }
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>申报包预审报告</title><style>"
         "@page{size:A4 landscape;margin:15mm}body{font-family:\"SimSun\",\"Noto Serif CJK SC\",serif;font-size:10pt}"
         "h1{font-size:16pt;text-align:center}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;"
         "padding:3px 5px;vertical-align:top}th{background:#eee}tr.bad td{background:#fff2f2}small{color:#444}"
         ".meta{font-size:8.5pt;color:#555;margin-top:1em}</style></head><body><h1>乌鲁木齐市人民政府质量奖申报包预审报告</h1>"
         "<p>共 " + std::to_string(reports.size()) + " 个申报包，校验通过 " + std::to_string(valid) +
         " 个。依据《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项。</p><table><tr><th>文件</th><th>结论</th><th>组织</th>"
         "<th>签名与密钥指纹</th><th>资格（复核）</th><th>内部公示</th><th>商业秘密附件</th><th>审核推荐意见</th><th>问题</th></tr>" + rows +
         "</table><p class=\"meta\">密钥指纹应与申报组织盖章的封面一致；审核单位的密钥指纹应与该单位公布的一致。签名证明申报包自签名后未被改动，并来自同一把密钥；它不是电子签名法意义上的可靠电子签名。由质量奖申报助手 " +
         html_escape(std::string(version())) + " 生成。</p></body></html>\n";
}

}  // namespace qaward
