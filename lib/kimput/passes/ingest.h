// Ingest: an input record (raw article text, or a JSON Lines object with a "text" field)
// becomes a kimput document.
//
// Writes: schema, id, source, meta, text, removed (../shared/design/document-schema.md).
// - Raw text: decoded to UTF-8 (text/encoding.h), cleaned of boilerplate
//   (passes/boilerplate.h); id is the file's stem ("stdin" for standard input).
// - JSON Lines: keeps its own id, meta (each key it gives wins over what ingest finds) and
//   every other field; its text is cleaned too unless Config::clean is off. A line that is
//   already a kimput document that went through ingest is taken as it is.
// Rejects (Rejection) binary data, a missing or non-string "text", and a document with no
// text left. Keeps no state across documents; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "kimput/config.h"
#include "kimput/document.h"
#include "kimput/io/input.h"
#include "kimput/passes/boilerplate.h"

namespace kimput {

class Ingest {
 public:
  explicit Ingest(const Config& config);
  // Takes the bytes (decode_text() keeps them as the text when it can).
  Document from_text(std::string bytes, const io::Record& origin, std::vector<std::string>& warnings) const;
  Document from_json(json::Value object, const io::Record& origin, std::vector<std::string>& warnings) const;

 private:
  BoilerplateRules rules_;
  bool clean_;
};

// The id of a file: its name without folders and without .txt/.text/.jsonl/.ndjson/.json and
// .gz/.zst endings (a JSON Lines line without an id gets STEM-LINE).
std::string id_from_path(const std::string& path);

}  // namespace kimput
