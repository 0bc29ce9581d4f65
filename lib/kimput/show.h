// Renders a kimput document for a person: title, date, each quote with its speaker,
// entity counts by type. Colour (ANSI) only when asked; the caller decides (a TTY and no
// NO_COLOR). Reads any of the fields it knows; missing ones are skipped.
#pragma once

#include <string>

#include "kimput/json/value.h"

namespace kimput {

std::string render_document(const json::Value& doc, bool color);

}  // namespace kimput
