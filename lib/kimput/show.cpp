#include "kimput/show.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace kimput {

namespace {

std::string str(const json::Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }

}  // namespace

std::string render_document(const json::Value& doc, bool color) {
  auto c = [&](const char* code, const std::string& s) { return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s; };
  std::string out;
  const json::Value* meta = doc.find("meta");
  std::string title = str(meta ? meta->find("title") : nullptr);
  std::string id = str(doc.find("id"));
  out += c("1", title.empty() ? "(untitled)" : title) + "  " + c("2", "[" + id + "]") + "\n";
  std::string date = str(meta ? meta->find("date") : nullptr);
  std::string byline = str(meta ? meta->find("byline") : nullptr);
  if (!date.empty() || !byline.empty()) {
    out += "  ";
    if (!date.empty()) out += "date " + date;
    if (!byline.empty()) out += (date.empty() ? "" : " · ") + std::string("by ") + byline;
    out += "\n";
  }
  const json::Value* text = doc.find("text");
  const json::Value* sentences = doc.find("sentences");
  const json::Value* removed = doc.find("removed");
  out += fmt::format("  {} characters", text && text->is_string() ? text->as_string().size() : 0);
  if (sentences && sentences->is_array()) out += fmt::format(", {} sentences", sentences->size());
  if (removed && removed->is_array()) out += fmt::format(", {} boilerplate lines removed", removed->size());
  out += "\n";
  if (const json::Value* ents = doc.find("entities"); ents && ents->is_array() && ents->size()) {
    std::map<std::string, std::map<std::string, int>> by_type;
    for (const auto& e : ents->items()) by_type[str(e.find("type"))][str(e.find("name"))]++;
    out += "  " + c("1", "entities") + "\n";
    for (const auto& [type, names] : by_type) {
      std::vector<std::pair<int, std::string>> sorted;
      for (const auto& [n, k] : names) sorted.emplace_back(-k, n);
      std::sort(sorted.begin(), sorted.end());
      std::string list;
      for (size_t i = 0; i < sorted.size() && i < 8; ++i)
        list += (i ? ", " : "") + sorted[i].second + fmt::format(" ({})", -sorted[i].first);
      if (sorted.size() > 8) list += fmt::format(", … {} more", sorted.size() - 8);
      out += fmt::format("    {:<7} {}\n", type, list);
    }
  }
  if (const json::Value* quotes = doc.find("quotes"); quotes && quotes->is_array() && quotes->size()) {
    out += "  " + c("1", "quotes") + "\n";
    for (const auto& q : quotes->items()) {
      std::string kind = str(q.find("kind"));
      if (kind == "other") continue;
      const json::Value* sp = q.find("speaker");
      std::string who = "(unknown)";
      if (sp && sp->is_object()) {
        who = str(sp->find("name"));
        if (who.empty()) who = str(sp->find("text"));
        std::string desc = str(sp->find("description"));
        if (!desc.empty() && desc != who) who += ", " + desc;
      }
      std::string t = str(q.find("text"));
      if (t.size() > 160) t = t.substr(0, 157) + "...";
      out += fmt::format("    {} {}: {}\n", c("2", "[" + kind + "]"), c("36", who), t);
    }
  }
  if (const json::Value* dates = doc.find("dates"); dates && dates->is_array() && dates->size())
    out += fmt::format("  {} time expressions\n", dates->size());
  return out;
}

}  // namespace kimput
